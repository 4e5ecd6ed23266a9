package dev.driftwise.jobs.publish;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an already-encoded {@link OutputRecord} to its topic with the stream id as the UTF-8 key. */
public final class OutputRecordSerializer implements KafkaRecordSerializationSchema<OutputRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8);
        // no Flink timestamp: records fired by the end-of-input timer carry Long.MAX_VALUE, which the broker
        // rejects (log.message.timestamp.after.max.ms); the producer stamps the send time instead
        return new ProducerRecord<>(record.topic, null, null, key, record.value);
    }
}
