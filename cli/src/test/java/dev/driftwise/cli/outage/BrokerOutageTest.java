package dev.driftwise.cli.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.cli.broker.LocalKafkaBroker;
import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker stops for 20 s while the job is learning from a live stream (its transactions open, checkpoints
 * every second), then comes back on the same ports and data. With nothing but Flink's own defaults the job
 * recovers by itself, learns every sample exactly once, and its read_committed outputs have no version gap and
 * no duplicate: models v1..v40, step sizes v1..v80 and metrics at 100, 200, ... 4,000 samples, once each.
 */
@Timeout(600)
class BrokerOutageTest {

    private static final List<String> STREAMS = List.of("s0", "s1", "s2");
    private static final int PER_STREAM = 4000;
    private static final int BEFORE_OUTAGE = 1500;
    private static final int RATE_PER_STREAM = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final WireCodec CODEC = WireCodec.standard();

    @Test
    void theJobRecoversByItselfAndItsCommittedOutputsHaveNoGapAndNoDuplicate() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
            String bootstrap = broker.bootstrap();
            createTopic(bootstrap, "outage.samples", 2);
            JobOptions options = JobOptions.parse("--bootstrap", bootstrap, "--samples-topic", "outage.samples", "--models-topic", "outage.models",
                    "--stepsizes-topic", "outage.stepsizes", "--metrics-topic", "outage.metrics", "--dlq-topic", "outage.dlq",
                    "--create-topics", "--model", "linear:3", "--micro-batch", "10", "--snapshot-every", "10", "--stepsizes-every", "5",
                    "--metrics-every", "100", "--checkpoint-interval", "1s", "--parallelism", "2");
            JobClient job = OnlineTrainingJob.start(options, new Learners(), new Configuration()); // Flink's own restart defaults
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                send(producer, 0, BEFORE_OUTAGE);
                awaitModelVersion(bootstrap, 5, Duration.ofSeconds(120)); // the job is learning and committing
                long stopped = System.nanoTime();
                broker.stop();
                assertEquals(JobStatus.RUNNING, job.getJobStatus().get(10, TimeUnit.SECONDS), "the job right after the broker stopped");
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
                System.out.printf("broker down for %.1f s; the job is %s%n", (System.nanoTime() - stopped) / 1e9,
                        job.getJobStatus().get(10, TimeUnit.SECONDS));
                broker.restart();
                send(producer, BEFORE_OUTAGE, PER_STREAM);
            }
            Map<String, List<PrequentialMetrics>> metrics = awaitEveryStreamLearned(bootstrap, Duration.ofSeconds(240));
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get(10, TimeUnit.SECONDS), "the job recovered by itself and is still running");
            job.cancel().get(60, TimeUnit.SECONDS);

            Map<String, List<ModelSnapshot>> models = readCommitted(bootstrap, "outage.models", ModelSnapshot.class, ModelSnapshot::getStreamId);
            Map<String, List<StepSizeSnapshot>> stepSizes = readCommitted(bootstrap, "outage.stepsizes", StepSizeSnapshot.class,
                    StepSizeSnapshot::getStreamId);
            for (String s : STREAMS) {
                assertEquals(range(1, PER_STREAM / 100), models.get(s).stream().map(ModelSnapshot::getVersion).toList(),
                        s + ": model versions, in order, once each");
                assertEquals(range(100, PER_STREAM, 100), models.get(s).stream().map(ModelSnapshot::getSamplesSeen).toList(),
                        s + ": samples seen by each model version");
                assertEquals(range(1, PER_STREAM / 50), stepSizes.get(s).stream().map(StepSizeSnapshot::getVersion).toList(),
                        s + ": step-size versions, in order, once each");
                assertEquals(range(100, PER_STREAM, 100), metrics.get(s).stream().map(PrequentialMetrics::getSamplesSeen).toList(),
                        s + ": metrics, once per 100 samples");
                assertFalse(Double.isNaN(metrics.get(s).get(metrics.get(s).size() - 1).getWindowLoss()), s + ": a finite loss after the outage");
            }
        }
    }

    /** Samples [from, to) of every stream, interleaved, at {@value #RATE_PER_STREAM} per stream and second; flushed. */
    private static void send(KafkaProducer<byte[], byte[]> producer, int from, int to) throws InterruptedException {
        long start = System.nanoTime();
        for (int seq = from; seq < to; seq++) {
            for (int k = 0; k < STREAMS.size(); k++) {
                SplittableRandom r = new SplittableRandom(seq * 31L + k);
                float x0 = (float) r.nextDouble(-1, 1);
                float x1 = (float) r.nextDouble(-1, 1);
                float x2 = (float) r.nextDouble(-1, 1);
                Sample sample = Sample.newBuilder().setStreamId(STREAMS.get(k)).setSeq(seq).setEventTime(Instant.ofEpochMilli(seq))
                        .setFeatures(List.of(x0, x1, x2)).setTarget(0.5 * x0 - 0.2 * x1 + (k + 1) * 0.1 * x2)
                        .setGroundTruth(null).setSource(null).setProvenance(null).build();
                producer.send(new ProducerRecord<>("outage.samples", STREAMS.get(k).getBytes(StandardCharsets.UTF_8), CODEC.encode(sample)),
                        (meta, e) -> {
                            if (e != null) {
                                throw new IllegalStateException("sample not delivered: " + e, e);
                            }
                        });
            }
            long due = start + (seq - from + 1) * 1_000_000_000L / RATE_PER_STREAM;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        producer.flush();
    }

    /** Plain acks=all with one request in flight: the test's input, in order, written once (the generator is not under test). */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("linger.ms", "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitModelVersion(String bootstrap, long version, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, List<ModelSnapshot>> models = readCommitted(bootstrap, "outage.models", ModelSnapshot.class, ModelSnapshot::getStreamId);
            if (STREAMS.stream().allMatch(s -> models.getOrDefault(s, List.of()).stream().anyMatch(m -> m.getVersion() >= version))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no stream reached model v" + version + " within " + timeout.toSeconds() + " s before the outage");
    }

    /** Committed metrics per stream, once every stream's last one says it learned all {@value #PER_STREAM} samples. */
    private static Map<String, List<PrequentialMetrics>> awaitEveryStreamLearned(String bootstrap, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<PrequentialMetrics>> metrics = Map.of();
        while (System.nanoTime() < deadline) {
            metrics = readCommitted(bootstrap, "outage.metrics", PrequentialMetrics.class, PrequentialMetrics::getStreamId);
            Map<String, List<PrequentialMetrics>> seen = metrics;
            if (STREAMS.stream().allMatch(s -> seen.getOrDefault(s, List.of()).stream().anyMatch(m -> m.getSamplesSeen() == PER_STREAM))) {
                return metrics;
            }
            Thread.sleep(1000);
        }
        Map<String, Long> last = new TreeMap<>();
        metrics.forEach((s, m) -> last.put(s, m.isEmpty() ? 0 : m.get(m.size() - 1).getSamplesSeen()));
        throw new AssertionError("after the outage the job did not learn all " + PER_STREAM + " samples per stream within "
                + timeout.toSeconds() + " s; committed so far: " + last);
    }

    /** Every committed record of a topic, decoded, grouped by stream in offset order. */
    private static <T extends SpecificRecord> Map<String, List<T>> readCommitted(String bootstrap, String topic, Class<T> type,
                                                                                Function<T, String> streamOf) throws WireFormatException {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        Map<String, List<T>> byStream = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo i : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, i.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    T record = type.cast(CODEC.decodeAny(r.value()));
                    byStream.computeIfAbsent(streamOf.apply(record), k -> new ArrayList<>()).add(record);
                }
            }
        }
        return byStream;
    }

    private static List<Long> range(long first, long last) {
        return range(first, last, 1);
    }

    private static List<Long> range(long first, long last, long step) {
        List<Long> out = new ArrayList<>();
        for (long v = first; v <= last; v += step) {
            out.add(v);
        }
        return out;
    }
}
