package dev.driftwise.serving;

import dev.driftwise.learner.DeviceChoice;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settings of a {@link SnapshotClient}, checked when built.
 *
 * @param consumerProperties extra Kafka consumer settings (Kafka's names); isolation.level is always read_committed
 */
public record SnapshotClientConfig(String bootstrapServers, String topic, DeviceChoice device, Duration pollTimeout,
                                   Clock clock, Map<String, String> consumerProperties,
                                   Consumer<SnapshotClient.ServedEvent> onServed, Consumer<SnapshotRejection> onRejected) {

    public static final String DEFAULT_TOPIC = "driftwise.models";

    /** Builder in the style of Kafka's and DJL's: required values up front, {@code optX} for the rest. */
    public static final class Builder {
        private final String bootstrapServers;
        private final Function<SnapshotClientConfig, SnapshotClient> factory;
        private String topic = DEFAULT_TOPIC;
        private DeviceChoice device = DeviceChoice.CPU;
        private Duration pollTimeout = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> consumerProperties = new HashMap<>();
        private Consumer<SnapshotClient.ServedEvent> onServed = e -> { };
        private Consumer<SnapshotRejection> onRejected = r -> { };

        Builder(String bootstrapServers, Function<SnapshotClientConfig, SnapshotClient> factory) {
            this.bootstrapServers = bootstrapServers;
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

        public Builder optConsumerProperty(String key, String value) {
            consumerProperties.put(key, value);
            return this;
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
            return factory.apply(new SnapshotClientConfig(bootstrapServers, topic, device, pollTimeout, clock,
                    Map.copyOf(consumerProperties), onServed, onRejected));
        }
    }
}
