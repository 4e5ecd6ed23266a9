package dev.driftwise.jobs.publish;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/** Writes an already-encoded {@link OutputRecord} to its topic: UTF-8 key, the stream id's partition. */
public final class OutputRecordSerializer implements KafkaRecordSerializationSchema<OutputRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8);
        Integer partition = null;
        if (record.partitionKey != null) {
            int[] partitions = context.getPartitionsForTopic(record.topic);
            // Kafka's default partitioner for a keyed record: murmur2(key) mod partitions
            byte[] by = record.partitionKey.getBytes(StandardCharsets.UTF_8);
            partition = partitions[Utils.toPositive(Utils.murmur2(by)) % partitions.length];
        }
        // no Flink timestamp: records fired by the end-of-input timer carry Long.MAX_VALUE, which the broker
        // rejects (log.message.timestamp.after.max.ms); the producer stamps the send time instead
        return new ProducerRecord<>(record.topic, partition, null, key, record.value);
    }
}
