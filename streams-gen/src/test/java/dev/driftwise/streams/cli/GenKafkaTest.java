package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code gen} into a real Kafka broker (KRaft, in-process), read back with a plain consumer. */
class GenKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void samplesOfEveryStreamArriveOnceInOrderAndDecode() throws Exception {
        String topic = "gen-it";
        int streams = 4;
        int total = 2000;
        Run run = Run.gen("--scenario", "tiny-4", "--seed", "5", "--count", String.valueOf(total), "--bootstrap", kafka.bootstrap(),
                "--topic", topic, "--partitions", "3", "--no-progress");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("created topic '" + topic + "' with 3 partitions"), run.toString());
        assertTrue(run.err().contains(total + " acknowledged") || run.err().contains(String.format("%,d acknowledged", total)), run.toString());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }

        List<ConsumerRecord<byte[], byte[]>> records = consumeAll(topic, total);
        assertEquals(total, records.size(), "records on the topic");
        Map<String, Long> nextSeq = new TreeMap<>();
        Set<String> runIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            Sample s = decode(r.value());
            assertEquals(key, s.getStreamId(), "key and streamId of offset " + r.offset());
            long expected = nextSeq.getOrDefault(key, 0L);
            assertEquals(expected, s.getSeq(), "stream " + key + " out of order at partition " + r.partition() + " offset " + r.offset());
            nextSeq.put(key, expected + 1);
            assertEquals(3, s.getFeatures().size());
            assertEquals("scenario=tiny-4 seed=5", s.getSource());
            assertNotNull(s.getGroundTruth(), "generated samples carry ground truth");
            runIds.add(s.getProvenance().getRunId());
        }
        Map<String, Long> expectedCounts = new TreeMap<>();
        for (int i = 0; i < streams; i++) {
            expectedCounts.put("s" + i, (long) total / streams);
        }
        assertEquals(expectedCounts, nextSeq, "samples per stream");
        assertEquals(1, runIds.size(), "one run id for one run: " + runIds);
    }

    @Test
    void aPacedRunHoldsTheScenarioRates() throws Exception {
        // the default scenario, mixed-demo from the library: three streams at 200 samples/s each, so 900 samples take 1.5 s
        Run run = Run.genWithLibrary("--count", "900", "--bootstrap", kafka.bootstrap(), "--topic", "gen-paced", "--no-progress");
        assertEquals(0, run.exitCode(), run.toString());
        List<ConsumerRecord<byte[], byte[]>> records = consumeAll("gen-paced", 900);
        assertEquals(900, records.size());
        // event times are stamped at send: each stream's span shows the rate it was produced at
        Map<String, long[]> firstLastCount = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Sample s = decode(r.value());
            long t = s.getEventTime().toEpochMilli();
            long[] f = firstLastCount.computeIfAbsent(s.getStreamId(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
            f[0] = Math.min(f[0], t);
            f[1] = Math.max(f[1], t);
            f[2]++;
        }
        assertEquals(Set.of("sea", "hyperplane", "agrawal"), firstLastCount.keySet());
        for (Map.Entry<String, long[]> e : firstLastCount.entrySet()) {
            long[] f = e.getValue();
            double span = (f[1] - f[0]) / 1000.0;
            assertEquals(300, f[2], "samples of " + e.getKey());
            // token bucket bound: in any span a stream sends at most rate * span + its share of the burst
            // (0.25 s of the 600/s total, a third each = 50) + 1; a machine shared with the broker may be slower
            double most = 200 * span + 50 + 1;
            assertTrue(f[2] <= most, "stream " + e.getKey() + " sent " + f[2] + " samples in " + span + " s, a 200/s bucket allows " + most + "\n" + run);
            assertTrue(f[2] / span > 0.6 * 200, "stream " + e.getKey() + " sent only " + f[2] / span + " samples/s, expected about 200\n" + run);
        }
    }

    @Test
    void aSecondRunIntoTheSameTopicSaysTheStreamsStartAgain() {
        String[] args = {"--scenario", "tiny-1", "--count", "8", "--bootstrap", kafka.bootstrap(), "--topic", "gen-again", "--no-progress"};
        Run first = Run.gen(args);
        assertEquals(0, first.exitCode(), first.toString());
        Run second = Run.gen(args);
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.err().contains("topic 'gen-again' exists with 4 partitions")
                && second.err().contains("it already holds 8 records: this run's streams start again at seq 0"), second.toString());
        assertEquals(16, consumeAll("gen-again", 16).size());
    }

    private static Sample decode(byte[] value) {
        try {
            return WireCodec.standard().decode(value, Sample.class);
        } catch (WireFormatException e) {
            throw new AssertionError("value does not decode as a Sample: " + e.getMessage(), e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more poll: more records than produced would be duplicates
            consumer.poll(Duration.ofMillis(300)).forEach(out::add);
        }
        return out;
    }
}
