package dev.driftwise.serving;

import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.learner.DeviceChoice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settings of a {@link SnapshotClient}, checked when built.
 *
 * @param kafka the Kafka client settings: brokers, security ({@code optKafkaConfig}, {@code optKafkaProperty}) and
 *              {@code optConsumerProperty} extras; isolation.level is always read_committed
 */
public record SnapshotClientConfig(KafkaSettings kafka, String topic, DeviceChoice device, Duration pollTimeout,
                                   Clock clock, Consumer<SnapshotClient.ServedEvent> onServed, Consumer<SnapshotRejection> onRejected) {

    public static final String DEFAULT_TOPIC = "driftwise.models";

    /** The brokers, {@code host:port[,host:port...]}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Builder in the style of Kafka's and DJL's: required values up front, {@code optX} for the rest. */
    public static final class Builder {
        private final String bootstrapServers;
        private final KafkaSettings resolved;
        private final Function<SnapshotClientConfig, SnapshotClient> factory;
        private String topic = DEFAULT_TOPIC;
        private DeviceChoice device = DeviceChoice.CPU;
        private Duration pollTimeout = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();
        private Path kafkaConfig;
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private Consumer<SnapshotClient.ServedEvent> onServed = e -> { };
        private Consumer<SnapshotRejection> onRejected = r -> { };

        Builder(String bootstrapServers, Function<SnapshotClientConfig, SnapshotClient> factory) {
            this.bootstrapServers = bootstrapServers;
            this.resolved = null;
            this.factory = factory;
        }

        /** With settings a command already read from {@code --kafka-config} / {@code --kafka-property}. */
        Builder(KafkaSettings kafka, Function<SnapshotClientConfig, SnapshotClient> factory) {
            this.bootstrapServers = kafka.bootstrapServers();
            this.resolved = kafka;
            this.factory = factory;
        }

        public Builder optTopic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Where models live: CPU by default (serving many small models beside a GPU-trained one is the common case). */
        public Builder optDevice(DeviceChoice device) {
            this.device = device;
            return this;
        }

        public Builder optPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /** The clock a snapshot's age is measured with. */
        public Builder optClock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Kafka client settings from a Java properties file (security.protocol, sasl.*, ssl.*, ...), as
         * {@code --kafka-config} of the driftwise commands and {@code --command-config} of Kafka's tools read it.
         */
        public Builder optKafkaConfig(Path file) {
            requireUnresolved("optKafkaConfig");
            this.kafkaConfig = file;
            return this;
        }

        /** One Kafka client setting, e.g. {@code security.protocol=SASL_SSL}; wins over {@link #optKafkaConfig}. */
        public Builder optKafkaProperty(String key, String value) {
            requireUnresolved("optKafkaProperty");
            kafkaProperties.put(key, value);
            return this;
        }

        /** A consumer setting (Kafka's name); the same as {@link #optKafkaProperty}, kept for consumer-only tuning. */
        public Builder optConsumerProperty(String key, String value) {
            return optKafkaProperty(key, value);
        }

        /** Called on the client's thread after each swap; keep it short. */
        public Builder optOnServed(Consumer<SnapshotClient.ServedEvent> listener) {
            this.onServed = listener;
            return this;
        }

        /** Called on the client's thread for each refused record or snapshot; keep it short. */
        public Builder optOnRejected(Consumer<SnapshotRejection> listener) {
            this.onRejected = listener;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting to fix ({@link dev.driftwise.kafka.settings.KafkaSettingsException}
         *         for a Kafka client setting)
         */
        public SnapshotClient build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers '" + bootstrapServers
                        + "' is empty; give host:port[,host:port...] of the Kafka brokers");
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("topic '" + topic + "' is empty; the default is " + DEFAULT_TOPIC);
            }
            if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
                throw new IllegalArgumentException("pollTimeout " + pollTimeout + " must be positive, e.g. 200 ms");
            }
            if (device == null || clock == null || onServed == null || onRejected == null) {
                throw new IllegalArgumentException("device, clock and listeners must not be null");
            }
            KafkaSettings kafka = resolved != null ? resolved : KafkaSettings.resolve(bootstrapServers, null, kafkaConfig, kafkaProperties);
            return factory.apply(new SnapshotClientConfig(kafka, topic, device, pollTimeout, clock, onServed, onRejected));
        }

        private void requireUnresolved(String method) {
            if (resolved != null) {
                throw new IllegalStateException(method + ": this builder was made from KafkaSettings, which already hold the Kafka settings");
            }
        }
    }
}
