package dev.driftwise.serving;

import static dev.driftwise.serving.testing.Eventually.await;
import static dev.driftwise.serving.testing.Published.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.serving.testing.SharedBroker;
import dev.driftwise.serving.testing.Published;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.FeatureStatisticsTensors;
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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapshotClient against a real KRaft broker: ordering, chunks, corrupt input, swaps under load, staleness. */
@Timeout(60)
@ExtendWith(SharedBroker.class)
class SnapshotClientTest {

    private static final int INPUTS = 4;
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final WireCodec CODEC = WireCodec.standard();
    private static final String OPTIMIZER = "metaoptimize(blocks=per-tensor)";
    private static EmbeddedKafka kafka;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeAll
    static void broker() throws Exception {
        kafka = SharedBroker.kafka();
    }

    /** Version v of stream s: every weight v, bias v, so a row of ones predicts 5v (4 inputs + bias). */
    private static ModelSnapshot version(String stream, long v) {
        return Snapshots.linear(stream, v, INPUTS, v, v, T0.plusSeconds(v));
    }

    private static double predictOnes(ModelLease lease) {
        return lease.predict(lease.newBatch(1).add(ones(), 0))[0];
    }

    private static float[] ones() {
        float[] x = new float[INPUTS];
        Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void keepsTheNewestVersionAndIgnoresOlderDuplicateAndAbortedOnes() throws Exception {
        String topic = SharedBroker.newTopic("models");
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
        String topic = SharedBroker.newTopic("models");
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
        String topic = SharedBroker.newTopic("models");
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
        String topic = SharedBroker.newTopic("models");
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
        String topic = SharedBroker.newTopic("models");
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

    /** Features far from zero mean and unit scale, so standardisation changes every prediction. */
    private static void fill(MicroBatch batch, int n, int inputs, int classes, SplittableRandom random) {
        batch.clear();
        for (int i = 0; i < n; i++) {
            float[] x = new float[inputs];
            for (int j = 0; j < inputs; j++) {
                x[j] = (float) (50 * j + (1 + j) * random.nextGaussian());
            }
            double z = (x[0] - 0) * 0.8 - (x[1] - 50) * 0.5;
            batch.add(x, classes == 0 ? z : classes == 2 ? (z > 0 ? 1 : 0) : z > 0.5 ? 0 : z > -0.5 ? 1 : 2);
        }
    }

    @Test
    void servesEveryModelKindARealLearnerPublishedAndPredictsExactlyAsIt() throws Exception {
        String topic = SharedBroker.newTopic("models");
        int inputs = 6;
        List<ModelSpec> specs = Published.everyModelKind(inputs);
        List<OnlineLearner> learners = new ArrayList<>();
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            List<KeyedValue> records = new ArrayList<>();
            for (int k = 0; k < specs.size(); k++) {
                ModelSpec spec = specs.get(k);
                OnlineLearner learner = OnlineLearner.builder(spec).optimizer(OPTIMIZER).optDevice(DeviceChoice.CPU).build();
                learners.add(learner);
                SplittableRandom random = new SplittableRandom(7 + k);
                MicroBatch batch = learner.newBatch(8);
                for (int step = 0; step < 20; step++) {
                    fill(batch, 8, inputs, spec.task().isClassification() ? Math.max(2, spec.classes()) : 0, random);
                    learner.learn(batch);
                }
                // chunked under a small budget, as a large model would be: the statistics tensors are split too
                for (ModelSnapshot chunk : new ModelSnapshotChunker(96).split(Published.of("kind-" + k, 1, learner, T0))) {
                    records.add(record(chunk));
                }
            }
            kafka.send(topic, records);
            for (int k = 0; k < specs.size(); k++) {
                ModelSpec spec = specs.get(k);
                assertTrue(client.awaitVersion("kind-" + k, 1, Duration.ofSeconds(20)), spec + " not served: " + client.rejections());
                MicroBatch probe = learners.get(k).newBatch(16);
                fill(probe, 16, inputs, spec.task().isClassification() ? Math.max(2, spec.classes()) : 0, new SplittableRandom(99));
                double[] expected = learners.get(k).predict(probe);
                try (ModelLease lease = client.acquire("kind-" + k)) {
                    assertEquals(spec, lease.spec());
                    assertArrayEquals(expected, lease.predict(probe), 0.0, spec + ": served predictions = the learner's, bit for bit");
                }
                if (spec.standardize()) { // the statistics matter: without them the predictions would differ
                    try (PredictOnlyModel unstandardized = PredictOnlyModel.of(spec.withStandardization(false),
                            learners.get(k).parameters(), DeviceChoice.CPU)) {
                        assertFalse(Arrays.equals(expected, unstandardized.predict(probe)), spec + ": standardisation changed nothing");
                    }
                }
            }
            assertEquals(List.of(), client.rejections());
        } finally {
            learners.forEach(OnlineLearner::close);
        }
    }

    @Test
    void rejectsStandardisingSnapshotsWithoutOrWithBrokenFeatureStatistics() throws Exception {
        String topic = SharedBroker.newTopic("models");
        ModelSpec spec = ModelSpec.logisticRegression(INPUTS).withStandardization(true);
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(OPTIMIZER).optDevice(DeviceChoice.CPU).build();
             SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            MicroBatch batch = learner.newBatch(4);
            fill(batch, 4, INPUTS, 2, new SplittableRandom(1));
            learner.learn(batch);
            ModelSnapshot good = Published.of("s", 1, learner, T0);
            // as a v1 job wrote it: parameters only
            ModelSnapshot v1 = ModelSnapshot.newBuilder(good).setVersion(2).setSnapshotId("s@2").setFeatureStatistics(null)
                    .setTensors(good.getTensors().subList(0, 2)).build();
            List<dev.driftwise.schemas.Tensor> shortMean = new ArrayList<>(good.getTensors());
            shortMean.set(2, Snapshots.tensor(FeatureStatisticsTensors.MEAN, new long[] {INPUTS - 1}, new float[INPUTS - 1]));
            ModelSnapshot misshapen = ModelSnapshot.newBuilder(good).setVersion(3).setSnapshotId("s@3").setTensors(shortMean).build();
            ModelSnapshot onPlainSpec = ModelSnapshot.newBuilder(good).setVersion(4).setSnapshotId("s@4")
                    .setModelSpec(spec.withStandardization(false).toCanonicalString()).build();
            kafka.send(topic, List.of(record(good), record(v1), record(misshapen), record(onPlainSpec)));
            await(() -> client.rejections().size() == 3, "3 rejections, have " + client.rejections());
            List<SnapshotRejection> r = client.rejections();
            assertEquals(List.of(SnapshotRejection.Reason.UNSUPPORTED, SnapshotRejection.Reason.TENSOR_MISMATCH,
                    SnapshotRejection.Reason.TENSOR_MISMATCH), r.stream().map(SnapshotRejection::reason).toList(), r.toString());
            assertTrue(r.get(0).detail().contains("no featureStatistics") && r.get(0).detail().contains("upgrade the training job"),
                    r.get(0).toString());
            assertTrue(r.get(1).detail().contains("standardizer.mean is FLOAT32[3]"), r.get(1).toString());
            assertTrue(r.get(2).detail().contains("does not standardise features, but the snapshot carries feature statistics"),
                    r.get(2).toString());
            try (ModelLease lease = client.acquire("s")) {
                assertEquals(1, lease.version(), "the good snapshot keeps serving");
            }
        }
    }

    @Test
    void knowsEveryStreamOnTheTopicOnceCaughtUpAndCarriesTheSnapshotsProvenance() throws Exception {
        String topic = SharedBroker.newTopic("models");
        kafka.send(topic, List.of(record(version("a", 1)), record(version("b", 3))));
        try (SnapshotClient client = SnapshotClient.builder(kafka.bootstrap()).optTopic(topic).build().start()) {
            await(client::isCaughtUp, "the client to catch up with the records written before it started");
            assertEquals(List.of("a", "b"), new ArrayList<>(client.streams()), "every stream written before it started");
            try (ModelLease lease = client.acquire("b")) {
                ModelProvenance p = lease.provenance();
                assertEquals(Snapshots.linearSpec(INPUTS), p.modelSpec());
                assertEquals("sgd", p.optimizer());
                assertEquals(Map.of("lr", "0.01"), p.optimizerSettings());
                assertEquals(30, p.step());
                assertEquals(960, p.samplesSeen());
                assertEquals(T0.plusSeconds(3), p.createdAt());
                assertEquals(Map.of("windowLoss", 0.5), p.summaryMetrics());
                assertEquals("test", p.producerName());
                assertEquals("run", p.runId());
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
        String topic = SharedBroker.newTopic("models");
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
