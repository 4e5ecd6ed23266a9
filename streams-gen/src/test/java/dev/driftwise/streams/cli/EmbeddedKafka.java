package dev.driftwise.streams.cli;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** Kafka's own KRaft server (one combined broker + controller) in the test JVM, on loopback (stack notes §5, recipe A). */
final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private boolean closed;

    EmbeddedKafka() throws Exception {
        kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
    }

    String bootstrap() {
        return kit.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        if (!closed) {   // a second close() of the test kit throws (stack notes §9.11)
            closed = true;
            kit.close();
        }
    }
}
