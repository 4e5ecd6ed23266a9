package dev.driftwise.kafka.settings;

/** Kafka client settings a command cannot use; the message names the setting, where it came from and the fix. */
public final class KafkaSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KafkaSettingsException(String message) {
        super(message);
    }

    public KafkaSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
