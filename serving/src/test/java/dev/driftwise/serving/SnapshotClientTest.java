package dev.driftwise.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SnapshotClient against a real KRaft broker: ordering, chunks, corrupt input, swaps under load, staleness. */
@Timeout(60)
class SnapshotClientTest {

    private static final int INPUTS = 4;
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final WireCodec CODEC = WireCodec.standard();
    private static EmbeddedKafka kafka;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static String newTopic() throws Exception {
        String topic = "models-" + TOPICS.incrementAndGet();
        kafka.createTopic(topic, 1);
        return topic;
    }

    /** Version v of stream s: every weight v, bias v, so a row of ones predicts 5v (4 inputs + bias). */
    private static ModelSnapshot version(String stream, long v) {
        return Snapshots.linear(stream, v, INPUTS, v, v, T0.plusSeconds(v));
    }

    private static KeyedValue record(ModelSnapshot chunk) {
        return new KeyedValue(ModelSnapshotChunker.kafkaKey(chunk), CODEC.encode(chunk));
    }

    private static double predictOnes(ModelLease lease) {
        return lease.predict(lease.newBatch(1).add(ones(), 0))[0];
    }

    private static float[] ones() {
        float[] x = new float[INPUTS];
        Arrays.fill(x, 1f);
        return x;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void keepsTheNewestVersionAndIgnoresOlderDuplicateAndAbortedOnes() throws Exception {
        String topic = newTopic();
        List<Long> served = Collections.synchronizedList(new ArrayList<>());
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic)
                .optOnServed(e -> served.add(e.version())).build().start()) {
            kafka.send(topic, List.of(record(version("s", 9))), false); // aborted: read_committed never sees it
            kafka.send(topic, List.of(record(version("s", 2)), record(version("s", 1))));
            // a duplicate v2 with other weights must not replace the first v2
            kafka.send(topic, List.of(record(Snapshots.linear("s", 2, INPUTS, 100f, 100f, T0)), record(version("s", 3)),
                    record(version("s", 2))));
            assertTrue(client.awaitVersion("s", 3, Duration.ofSeconds(20)), "v3 never served; served " + served);
            try (ModelLease lease = client.acquire("s")) {
                assertEquals(3, lease.version());
                assertEquals(15.0, predictOnes(lease), 1e-6, "prediction of v3 on a row of ones (4·3 + 3)");
            }
            kafka.send(topic, List.of(record(version("s", 4))));
            assertTrue(client.awaitVersion("s", 4, Duration.ofSeconds(20)));
            assertEquals(List.of(2L, 3L, 4L), served, "versions swapped in, in order");
            assertEquals(List.of(), client.rejections(), "nothing was corrupt");
        }
    }

    @Test
    void reassemblesChunksOfTwoStreamsArrivingInterleaved() throws Exception {
        String topic = newTopic();
        int inputs = 300; // 1,200 weight bytes: a 512-byte budget cuts 4 chunks
        ModelSnapshotChunker chunker = new ModelSnapshotChunker(512);
        List<ModelSnapshot> a = chunker.split(Snapshots.linear("a", 1, inputs, 0.5f, 1f, T0));
        List<ModelSnapshot> b = chunker.split(Snapshots.linear("b", 7, inputs, -0.25f, 2f, T0));
        List<ModelSnapshot> staleA = chunker.split(Snapshots.linear("a", 0, inputs, 9f, 9f, T0));
        assertTrue(a.size() >= 3 && b.size() >= 3, "expected several chunks, got " + a.size() + " and " + b.size());
        List<KeyedValue> interleaved = new ArrayList<>();
        interleaved.add(record(a.get(a.size() - 1)));
        interleaved.add(record(staleA.get(0))); // an older snapshot's leftover chunk, mid-assembly
        for (int i = 0; i < b.size(); i++) {
            interleaved.add(record(b.get(b.size() - 1 - i)));
            if (i < a.size() - 1) {
                interleaved.add(record(a.get(i)));
            }
        }
        interleaved.add(record(a.get(0))); // redelivered chunk
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            kafka.send(topic, interleaved);
            assertTrue(client.awaitVersion("a", 1, Duration.ofSeconds(20)), "a v1 not served: " + client.rejections());
            assertTrue(client.awaitVersion("b", 7, Duration.ofSeconds(20)), "b v7 not served: " + client.rejections());
            float[] x = new float[inputs];
            Arrays.fill(x, 2f);
            try (ModelLease la = client.acquire("a"); ModelLease lb = client.acquire("b")) {
                assertEquals(inputs * 2 * 0.5 + 1, la.predict(la.newBatch(1).add(x, 0))[0], 1e-3);
                assertEquals(inputs * 2 * -0.25 + 2, lb.predict(lb.newBatch(1).add(x, 0))[0], 1e-3);
            }
            assertEquals(List.of(), client.rejections());
        }
    }

    @Test
    void rejectsCorruptSnapshotsWithAReasonAndKeepsThePreviousModel() throws Exception {
        String topic = newTopic();
        ModelSnapshot wrongShape = Snapshots.build("s", 2, Snapshots.linearSpec(INPUTS), List.of(
                Snapshots.tensor("layer0.weight", new long[] {INPUTS + 1, 1}, new float[INPUTS + 1]),
                Snapshots.tensor("layer0.bias", new long[] {1}, new float[1])), T0);
        ModelSnapshot badSpec = Snapshots.build("s", 3, "{\"model\":\"linear\",\"inputs\":-4}", version("s", 3).getTensors(), T0);
        float[] nan = new float[INPUTS];
        nan[2] = Float.NaN;
        ModelSnapshot nonFinite = Snapshots.build("s", 4, Snapshots.linearSpec(INPUTS), List.of(
                Snapshots.tensor("layer0.weight", new long[] {INPUTS, 1}, nan),
                Snapshots.tensor("layer0.bias", new long[] {1}, new float[1])), T0);
        byte[] garbage = CODEC.encode(version("s", 5));
        garbage[3] ^= 0x5a; // fingerprint byte: no schema known by that fingerprint
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            kafka.send(topic, List.of(record(version("s", 1)), record(wrongShape), record(badSpec), record(nonFinite),
                    new KeyedValue("s", garbage), new KeyedValue("s", new byte[] {1, 2, 3})));
            await(() -> client.rejections().size() == 5, "5 rejections, have " + client.rejections());
            List<SnapshotRejection> r = client.rejections();
            assertEquals(List.of(SnapshotRejection.Reason.TENSOR_MISMATCH, SnapshotRejection.Reason.BAD_MODEL_SPEC,
                    SnapshotRejection.Reason.TENSOR_MISMATCH, SnapshotRejection.Reason.UNDECODABLE,
                    SnapshotRejection.Reason.UNDECODABLE), r.stream().map(SnapshotRejection::reason).toList(), r.toString());
            assertTrue(r.get(0).detail().contains("layer0.weight[5, 1]"), "names the tensor and shape: " + r.get(0));
            assertTrue(r.get(1).detail().contains("inputs"), "names the spec field: " + r.get(1));
            assertTrue(r.get(2).detail().contains("NaN at element 2"), r.get(2).toString());
            assertTrue(r.get(3).detail().contains("UNKNOWN_FINGERPRINT"), r.get(3).toString());
            assertTrue(r.get(4).detail().contains("BAD_MAGIC") && "s".equals(r.get(4).streamId()), r.get(4).toString());
            assertEquals(2, r.get(0).version());
            try (ModelLease lease = client.acquire("s")) {
                assertEquals(1, lease.version(), "the previous model stays");
                assertEquals(5.0, predictOnes(lease), 1e-6);
            }
            kafka.send(topic, List.of(record(version("s", 6))));
            assertTrue(client.awaitVersion("s", 6, Duration.ofSeconds(20)), "a good snapshot after bad ones is served");
        }
    }

    @Test
    void predictionsDuringSwapsSeeWholeModelsAndHeldLeasesOutliveTheirSwap() throws Exception {
        String topic = newTopic();
        int versions = 40;
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            kafka.send(topic, List.of(record(version("s", 1))));
            assertTrue(client.awaitVersion("s", 1, Duration.ofSeconds(20)));
            ModelLease held = client.acquire("s");
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger predictions = new AtomicInteger();
            java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    while (client.servedVersion("s").orElse(0) < versions) {
                        try (ModelLease lease = client.acquire("s")) {
                            double y = predictOnes(lease);
                            // a torn model (weights of one version, bias of another) breaks y = 5·version
                            if (Math.abs(y - 5.0 * lease.version()) > 1e-6) {
                                problems.add("v" + lease.version() + " predicted " + y);
                            }
                            seen.add(lease.version());
                            predictions.incrementAndGet();
                        } catch (Throwable e) {
                            problems.add(e.toString());
                        }
                    }
                }, "predictor-" + t);
                threads.add(thread);
                thread.start();
            }
            for (long v = 2; v <= versions; v++) {
                kafka.send(topic, List.of(record(version("s", v))));
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            assertEquals(List.of(), new ArrayList<>(problems), "errors or torn predictions");
            assertTrue(seen.size() >= 3, "predictions should span several swaps; saw versions " + seen);
            assertEquals(1, held.version());
            assertEquals(5.0, predictOnes(held), 1e-6, "a lease taken before 39 swaps still predicts with v1");
            held.close();
            assertThrows(IllegalStateException.class, () -> predictOnes(held));
            assertEquals(1, client.openModels(), "every replaced model is closed once its leases are; only v"
                    + versions + " stays open");
            client.close();
            assertEquals(0, client.openModels(), "close() frees the current model");
            System.out.printf("concurrent swaps: %d predictions over %d versions seen%n", predictions.get(), seen.size());
        }
    }

    @Test
    void refusesModelsOlderOrFurtherBehindThanAsked() throws Exception {
        String topic = newTopic();
        Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).optClock(clock).build().start()) {
            NoFreshModelException none = assertThrows(NoFreshModelException.class, () -> client.acquire("s"));
            assertTrue(none.getMessage().contains("no model of stream 's'"), none.getMessage());

            kafka.send(topic, List.of(record(Snapshots.linear("s", 4, INPUTS, 1f, 0f, T0))));
            assertTrue(client.awaitVersion("s", 4, Duration.ofSeconds(20)));
            NoFreshModelException old = assertThrows(NoFreshModelException.class,
                    () -> client.latest("s", Duration.ofMinutes(5)));
            assertTrue(old.getMessage().contains("600000 ms old"), old.getMessage());
            try (ModelLease lease = client.latest("s", Duration.ofMinutes(15))) {
                assertEquals(Duration.ofMinutes(10), lease.ageAtLease());
            }

            ModelSnapshot broken = Snapshots.build("s", 5, "not json", version("s", 5).getTensors(), T0);
            kafka.send(topic, List.of(record(broken)));
            await(() -> client.newestSeenVersion("s").orElse(0) == 5 && client.lastRejection("s").isPresent(), "v5 rejected");
            NoFreshModelException behind = assertThrows(NoFreshModelException.class,
                    () -> client.acquire("s", Freshness.maxVersionLag(0)));
            assertTrue(behind.getMessage().contains("1 version(s) behind"), behind.getMessage());
            assertEquals(SnapshotRejection.Reason.BAD_MODEL_SPEC, behind.lastRejection().orElseThrow().reason());
            try (ModelLease lease = client.acquire("s", Freshness.maxVersionLag(1).andMaxAge(Duration.ofMinutes(11)))) {
                assertEquals(4, lease.version());
            }
        }
    }

    @Test
    void servesWhatARealLearnerPublishedAndPredictsExactlyAsIt() throws Exception {
        String topic = newTopic();
        ModelSpec spec = ModelSpec.mlp(6, new int[] {16}, Activation.RELU, Task.MULTICLASS, 3).withSeed(11);
        OptimizerFactory optimizer = OptimizerFactory.of("metaoptimize(adam,lion,per-tensor)",
                (layout, manager) -> MetaOptimize.builder().optBlocks(StepSizeBlocks.perTensor()).build(layout, manager));
        SplittableRandom random = new SplittableRandom(7);
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(optimizer).optDevice(DeviceChoice.CPU).build();
             SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            MicroBatch batch = learner.newBatch(8);
            for (int step = 0; step < 20; step++) {
                batch.clear();
                for (int i = 0; i < 8; i++) {
                    float[] x = new float[6];
                    for (int j = 0; j < 6; j++) {
                        x[j] = (float) random.nextGaussian();
                    }
                    batch.add(x, x[0] > 0 ? 0 : x[1] > 0 ? 1 : 2);
                }
                learner.learn(batch);
            }
            // the tensors as the training job publishes them (RecordEncoder), chunked under a small budget
            List<dev.driftwise.schemas.Tensor> tensors = new ArrayList<>();
            for (ParameterTensor t : learner.parameterTensors()) {
                tensors.add(Snapshots.tensor(t.name(), t.shape(), t.data()));
            }
            List<KeyedValue> records = new ArrayList<>();
            for (ModelSnapshot chunk : new ModelSnapshotChunker(256).split(
                    Snapshots.build("real", 1, spec.toCanonicalString(), tensors, T0))) {
                records.add(record(chunk));
            }
            kafka.send(topic, records);
            assertTrue(client.awaitVersion("real", 1, Duration.ofSeconds(20)), "not served: " + client.rejections());
            try (ModelLease lease = client.acquire("real")) {
                double[] expected = learner.predict(batch);
                MicroBatch same = lease.newBatch(8);
                for (int i = 0; i < batch.size(); i++) {
                    same.add(batch.featureBuffer(), i * 6, 0);
                }
                assertArrayEquals(expected, lease.predict(same), 0.0, records.size() + " chunks; served = learner's predictions");
            }
        }
    }

    @Test
    void waitsForATopicThatDoesNotExistYetWithoutCreatingIt() throws Exception {
        String topic = "models-later-" + TOPICS.incrementAndGet();
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            Thread.sleep(1000); // the client has looked for the topic at least once
            kafka.createTopic(topic, 1); // fails with TopicExistsException if looking had created it
            kafka.send(topic, List.of(record(version("s", 1))));
            assertTrue(client.awaitVersion("s", 1, Duration.ofSeconds(20)), "not served once the topic appeared");
        }
    }

    @Test
    void kafkaSettingsReachTheConsumerAndBadOnesNameTheSetting() throws Exception {
        String topic = newTopic();
        kafka.send(topic, List.of(record(version("s", 1))));
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic)
                .optKafkaProperty("client.id", "serving-test").optKafkaProperty("request.timeout.ms", "20000").build().start()) {
            assertTrue(client.awaitVersion("s", 1, Duration.ofSeconds(20)), "not served with extra Kafka settings");
            assertTrue(client.failure().isEmpty());
        }
        KafkaSettingsException conflict = assertThrows(KafkaSettingsException.class,
                () -> SnapshotClient.builder(kafka.bootstrap()).optKafkaProperty("isolation.level", "read_uncommitted").build());
        assertTrue(conflict.getMessage().startsWith("isolation.level=read_uncommitted (--kafka-property) conflicts"), conflict.getMessage());
        // a truststore that is not there: build() says which setting, instead of a bare "Failed to construct kafka consumer"
        KafkaSettingsException truststore = assertThrows(KafkaSettingsException.class,
                () -> SnapshotClient.builder(kafka.bootstrap()).optKafkaProperty("security.protocol", "SSL")
                        .optKafkaProperty("ssl.truststore.location", "/no/such/truststore.p12").build());
        assertTrue(truststore.getMessage().startsWith("ssl.truststore.location (from --kafka-property) names a file that does not exist"),
                truststore.getMessage());
        // refused credentials stop the client with a reason instead of retrying forever: SecuredKafkaTest (module cli)
    }
}
