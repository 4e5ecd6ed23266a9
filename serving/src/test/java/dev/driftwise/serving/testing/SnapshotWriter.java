package dev.driftwise.serving.testing;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes snapshot versions as the exactly-once job does, one committed transaction per version (chunked
 * under a byte budget, keyed per chunk), through one producer: a producer per version would spend a
 * second each on transactional start-up.
 */
public final class SnapshotWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ModelSnapshotChunker chunker;

    public SnapshotWriter(String bootstrap, String topic, int maxDataBytesPerChunk) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "snapshot-writer-" + UUID.randomUUID());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
        this.topic = topic;
        this.chunker = new ModelSnapshotChunker(maxDataBytesPerChunk);
    }

    /** Writes every chunk of the snapshot to partition 0 and commits. */
    public void publish(ModelSnapshot snapshot) {
        producer.beginTransaction();
        for (ModelSnapshot chunk : chunker.split(snapshot)) {
            producer.send(new ProducerRecord<>(topic, 0, ModelSnapshotChunker.kafkaKey(chunk), WireCodec.standard().encode(chunk)));
        }
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }
}
