package dev.driftwise.jobs.testing;

import dev.driftwise.schemas.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as a read_committed consumer: only what the job's transactions committed. */
public final class TopicReader {

    /** One record read back. */
    public record Read<T>(String key, T value, int partition, long offset) {}

    private TopicReader() {}

    /** Every committed record of the topic up to its last stable offset, decoded, in (partition, offset) order. */
    public static <T extends SpecificRecord> List<Read<T>> readAll(String topic, Class<T> type) {
        List<Read<T>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : raw(topic)) {
            try {
                T value = WireCodec.standard().decode(r.value(), type);
                out.add(new Read<>(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), value,
                        r.partition(), r.offset()));
            } catch (Exception e) {
                throw new AssertionError("record " + topic + "-" + r.partition() + "@" + r.offset() + " is not a "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static List<ConsumerRecord<byte[], byte[]>> raw(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaTestBroker.bootstrap());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!reached(c, end)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("reading " + topic + " did not reach its end offsets " + end + " in 30 s");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
