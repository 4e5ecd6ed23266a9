package dev.driftwise.dashboard.testkit;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's own KRaft server (one combined broker + controller) in the test JVM (stack notes §5, recipe A),
 * with the two things the consumer tests do: create a topic, and write records in a transaction as the
 * exactly-once job does.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private boolean closed;

    public EmbeddedKafka() throws Exception {
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

    public String bootstrap() {
        return kit.bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** One Kafka record: key, value bytes. */
    public record KeyedValue(String key, byte[] value) {}

    /** Writes the records to partition 0 of {@code topic} in one transaction, committed or aborted. */
    public void send(String topic, List<KeyedValue> records, boolean commit) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (KeyedValue r : records) {
                producer.send(new ProducerRecord<>(topic, 0, r.key(), r.value()));
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    public void send(String topic, List<KeyedValue> records) {
        send(topic, records, true);
    }

    @Override
    public void close() throws Exception {
        if (!closed) { // a second close() of the test kit throws (stack notes §9.11)
            closed = true;
            kit.close();
        }
    }

}
