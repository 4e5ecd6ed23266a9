package dev.driftwise.jobs.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker (KRaft, combined broker + controller, in process) shared by every test of the
 * JVM: starting one costs seconds. Tests keep apart by topic names ({@link TestTopics}). As a JUnit
 * extension it closes the broker when the whole test run ends, before the JVM's shutdown hooks race
 * Flink's own.
 */
public final class KafkaTestBroker implements BeforeAllCallback {

    private static KafkaClusterTestKit kit;

    @Override
    public void beforeAll(ExtensionContext context) {
        bootstrap();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaTestBroker.class, k -> (AutoCloseable) KafkaTestBroker::stop);
    }

    public static synchronized String bootstrap() {
        if (kit == null) {
            try {
                KafkaClusterTestKit k = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("transaction.max.timeout.ms", "900000")
                        .build();
                k.format();
                k.startup();
                k.waitForReadyBrokers();
                kit = k;
            } catch (Exception e) {
                throw new IllegalStateException("embedded Kafka broker did not start", e);
            }
        }
        return kit.bootstrapServers();
    }

    private static synchronized void stop() {
        if (kit != null) {
            try {
                kit.close(); // not idempotent (stack notes §9.11): closed once, here
            } catch (Exception e) {
                // the JVM is exiting
            }
            kit = null;
        }
    }
}
