package dev.driftwise.cli.broker;

/** No Kafka broker to work with: the embedded one did not start, or {@code --bootstrap} does not answer. */
public final class BrokerUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
