package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.learner.snapshot.SnapshotCodec;
import dev.driftwise.learner.testing.Streams;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Snapshot, restore into a fresh learner, continue: bit for bit the uninterrupted run. */
class SnapshotTest {

    static final ModelSpec MLP = ModelSpec.mlp(6, new int[] {10}, Activation.RELU, Task.MULTICLASS, 3)
            .withStandardization(true).withSeed(21);

    static OnlineLearner newLearner(ModelSpec spec) {
        return newLearner(spec, EngineChoice.JVM);
    }

    static OnlineLearner newLearner(ModelSpec spec, EngineChoice engine) {
        return OnlineLearner.builder(spec).optimizer("sgd(lr=0.2)").optDevice(DeviceChoice.CPU).optEngine(engine)
                .optMetricsWindow(50).build();
    }

    static void run(OnlineLearner learner, SplittableRandom random, int batches) {
        MicroBatch batch = learner.newBatch(8);
        for (int i = 0; i < batches; i++) {
            Streams.fillMulticlass(batch, 8, 3, random);
            learner.learn(batch);
        }
    }

    @Test
    void restoredLearnerContinuesBitIdentically() {
        int n = 40;
        int m = 35;
        byte[] uninterrupted;
        List<ParameterTensor> expectedParams;
        try (OnlineLearner learner = newLearner(MLP)) {
            run(learner, new SplittableRandom(99), n + m);
            uninterrupted = learner.snapshot().toBytes();
            expectedParams = learner.parameters();
        }
        SplittableRandom random = new SplittableRandom(99);
        byte[] atN;
        try (OnlineLearner first = newLearner(MLP)) {
            run(first, random, n);
            atN = first.snapshot().toBytes();
        }
        try (OnlineLearner second = OnlineLearner.fromSnapshot(LearnerSnapshot.fromBytes(atN), DeviceChoice.CPU, EngineChoice.JVM)) {
            assertEquals(n, second.steps());
            run(second, random, m);
            assertEquals(expectedParams, second.parameters(), "parameters after restore + " + m + " steps");
            assertEquals(learnerMetrics(uninterrupted), second.metrics(), "metrics after restore");
            assertArrayEquals(uninterrupted, second.snapshot().toBytes(), "the whole snapshot (params, standardiser, metrics, optimizer)");
        }
    }

    /** Trains {@code batches} steps, then draws {@code rows} more samples from the same stream to predict. */
    static MicroBatch trainThenProbe(OnlineLearner learner, long seed, int batches, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        run(learner, random, batches);
        MicroBatch probe = learner.newBatch(rows);
        Streams.fillMulticlass(probe, rows, 3, random);
        return probe;
    }

    @Test
    void predictOnlyModelPredictsLikeTheLearner() {
        try (OnlineLearner learner = newLearner(MLP)) {
            MicroBatch probe = trainThenProbe(learner, 3, 30, 5);
            double[] expected = learner.predict(probe);
            try (PredictOnlyModel model = PredictOnlyModel.load(learner.snapshot().toBytes())) {
                assertArrayEquals(expected, model.predict(probe), "predict-only output equals the learner's");
                assertEquals(30, model.steps());
                assertEquals(240, model.samplesSeen());
                assertEquals(MLP, model.spec());
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += expected[k];
                }
                assertEquals(1.0, sum, 1e-9, "class probabilities of a sample sum to 1");
            }
        }
    }

    @Test
    void aModelFromPublishedTensorsAndFeatureStatisticsPredictsLikeTheLearner() {
        try (OnlineLearner learner = newLearner(MLP)) {
            MicroBatch probe = trainThenProbe(learner, 5, 25, 6);
            double[] expected = learner.predict(probe);
            FeatureStandardizer.Statistics stats = learner.featureStatistics().orElseThrow();
            assertEquals(200, stats.count(), "25 batches of 8 folded in");
            try (PredictOnlyModel model = PredictOnlyModel.of(MLP, learner.parameters(), stats, DeviceChoice.CPU)) {
                assertArrayEquals(expected, model.predict(probe), 0.0, "the published parts predict as the learner");
            }
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> PredictOnlyModel.of(MLP, learner.parameters(), DeviceChoice.CPU));
            assertTrue(none.getMessage().contains("needs feature statistics"), none.getMessage());
            FeatureStandardizer.Statistics short1 = new FeatureStandardizer.Statistics(1, new double[5], new double[5]);
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> PredictOnlyModel.of(MLP, learner.parameters(), short1, DeviceChoice.CPU));
            assertTrue(size.getMessage().contains("cover 5 features") && size.getMessage().contains("has 6"), size.getMessage());
        }
        try (OnlineLearner plain = newLearner(MLP.withStandardization(false))) {
            assertTrue(plain.featureStatistics().isEmpty(), "a model that does not standardise has no statistics");
        }
    }

    @Test
    void modelsBuiltInsideACallersScopeOutliveIt() {
        byte[] bytes;
        OnlineLearner learner;
        PredictOnlyModel model;
        try (OnlineLearner source = newLearner(MLP)) {
            run(source, new SplittableRandom(2), 3);
            bytes = source.snapshot().toBytes();
        }
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            learner = OnlineLearner.fromSnapshot(LearnerSnapshot.fromBytes(bytes), DeviceChoice.CPU, EngineChoice.TORCH);
            model = PredictOnlyModel.load(bytes);
        }
        try (learner; model) {
            run(learner, new SplittableRandom(3), 2);
            MicroBatch probe = model.newBatch(1);
            Streams.fillMulticlass(probe, 1, 3, new SplittableRandom(4));
            assertEquals(3, model.predict(probe).length);
        }
    }

    @Test
    void snapshotCarriesProvenanceAndTensors() {
        try (OnlineLearner learner = newLearner(MLP)) {
            run(learner, new SplittableRandom(1), 3);
            LearnerSnapshot s = LearnerSnapshot.fromBytes(learner.snapshot().toBytes());
            assertEquals(MLP, s.modelSpec());
            assertEquals("metaoptimize(base=sgd,kappa=0,meta=fixed,alpha0=0.2,gamma=0.999,blocks=scalar,trace=none,"
                    + "step-size-map=exp,alpha-timing=before-meta,alpha-min=none,alpha-max=none,skip-non-finite=false,stability-cap=false)",
                    s.optimizer(), "the optimizer's canonical spec, every setting explicit");
            assertEquals("jvm", s.engine());
            assertEquals(List.of("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"),
                    s.parameters().stream().map(ParameterTensor::name).toList());
            assertArrayEquals(new long[] {6, 10}, s.parameters().get(0).shape());
            assertEquals(24, s.samplesSeen());
        }
    }

    @Test
    void unknownFormatVersionFailsClearly() {
        try (OnlineLearner learner = newLearner(MLP)) {
            byte[] bytes = learner.snapshot().toBytes();
            ByteBuffer.wrap(bytes).putInt(4, 7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnerSnapshot.fromBytes(bytes));
            assertTrue(e.getMessage().contains("format version 7") && e.getMessage().contains("reads version " + SnapshotCodec.VERSION),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PredictOnlyModel.load(bytes));
            byte[] notASnapshot = "hello world".getBytes();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> LearnerSnapshot.fromBytes(notASnapshot))
                    .getMessage().contains("not a driftwise learner snapshot"));
        }
    }

    @Test
    void restoringAnotherModelFailsAndChangesNothing() {
        try (OnlineLearner a = newLearner(MLP); OnlineLearner b = newLearner(MLP.withSeed(22))) {
            run(b, new SplittableRandom(4), 2);
            byte[] before = b.snapshot().toBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.restore(a.snapshot()));
            assertTrue(e.getMessage().contains("\"seed\":21"), e.getMessage());
            assertArrayEquals(before, b.snapshot().toBytes());
            assertNotEquals(0, before.length);
        }
    }

    /** A snapshot taken on one engine continues on the other: same model within the engines' rounding. */
    @Test
    void snapshotMovesBetweenEnginesBothWays() {
        for (EngineChoice[] pair : new EngineChoice[][] {{EngineChoice.JVM, EngineChoice.TORCH}, {EngineChoice.TORCH, EngineChoice.JVM}}) {
            List<ParameterTensor> straight;
            try (OnlineLearner learner = newLearner(MLP, pair[0])) {
                run(learner, new SplittableRandom(8), 60);
                straight = learner.parameters();
            }
            SplittableRandom random = new SplittableRandom(8);
            LearnerSnapshot half;
            try (OnlineLearner first = newLearner(MLP, pair[0])) {
                run(first, random, 30);
                half = first.snapshot();
            }
            try (OnlineLearner second = OnlineLearner.fromSnapshot(half, DeviceChoice.CPU, pair[1])) {
                assertTrue(second.engine().startsWith(pair[1].name().toLowerCase()), second.engine());
                run(second, random, 30);
                List<ParameterTensor> moved = second.parameters();
                for (int t = 0; t < moved.size(); t++) {
                    float[] a = straight.get(t).data();
                    float[] b = moved.get(t).data();
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])),
                                pair[0] + " → " + pair[1] + ": " + straight.get(t).name() + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static Object learnerMetrics(byte[] snapshot) {
        LearnerSnapshot s = LearnerSnapshot.fromBytes(snapshot);
        return s.metrics().summary(s.steps());
    }
}
