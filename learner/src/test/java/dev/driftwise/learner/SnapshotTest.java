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
import dev.driftwise.learner.testing.FixedStepSgd;
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
        return OnlineLearner.builder(spec).optimizer(FixedStepSgd.factory(0.2)).optDevice(DeviceChoice.CPU)
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
            uninterrupted = learner.snapshot();
            expectedParams = learner.parameterTensors();
        }
        SplittableRandom random = new SplittableRandom(99);
        byte[] atN;
        try (OnlineLearner first = newLearner(MLP)) {
            run(first, random, n);
            atN = first.snapshot();
        }
        try (OnlineLearner second = OnlineLearner.fromSnapshot(atN, FixedStepSgd.factory(0.2), DeviceChoice.CPU)) {
            assertEquals(n, second.steps());
            run(second, random, m);
            assertEquals(expectedParams, second.parameterTensors(), "parameters after restore + " + m + " steps");
            assertEquals(learnerMetrics(uninterrupted), second.metrics(), "metrics after restore");
            assertArrayEquals(uninterrupted, second.snapshot(), "the whole snapshot (params, standardiser, metrics, optimizer)");
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
            try (PredictOnlyModel model = PredictOnlyModel.load(learner.snapshot())) {
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
            try (PredictOnlyModel model = PredictOnlyModel.of(MLP, learner.parameterTensors(), stats, DeviceChoice.CPU)) {
                assertArrayEquals(expected, model.predict(probe), 0.0, "the published parts predict as the learner");
            }
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> PredictOnlyModel.of(MLP, learner.parameterTensors(), DeviceChoice.CPU));
            assertTrue(none.getMessage().contains("needs feature statistics"), none.getMessage());
            FeatureStandardizer.Statistics short1 = new FeatureStandardizer.Statistics(1, new double[5], new double[5]);
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> PredictOnlyModel.of(MLP, learner.parameterTensors(), short1, DeviceChoice.CPU));
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
            bytes = source.snapshot();
        }
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            learner = OnlineLearner.fromSnapshot(bytes, FixedStepSgd.factory(0.2), DeviceChoice.CPU);
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
            LearnerSnapshot s = LearnerSnapshot.fromBytes(learner.snapshot());
            assertEquals(MLP, s.modelSpec());
            assertEquals("sgd(alpha=0.2)", s.optimizerDescription());
            assertTrue(s.optimizerSpec().startsWith("sgd"), s.optimizerSpec());
            assertEquals(List.of("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"),
                    s.parameters().stream().map(ParameterTensor::name).toList());
            assertArrayEquals(new long[] {6, 10}, s.parameters().get(0).shape());
            assertEquals(24, s.samplesSeen());
        }
    }

    @Test
    void unknownFormatVersionFailsClearly() {
        try (OnlineLearner learner = newLearner(MLP)) {
            byte[] bytes = learner.snapshot();
            ByteBuffer.wrap(bytes).putInt(4, 7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner.restore(bytes));
            assertTrue(e.getMessage().contains("format version 7") && e.getMessage().contains("reads version " + SnapshotCodec.VERSION),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PredictOnlyModel.load(bytes));
            byte[] notASnapshot = "hello world".getBytes();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> learner.restore(notASnapshot))
                    .getMessage().contains("not a driftwise learner snapshot"));
        }
    }

    @Test
    void restoringAnotherModelFailsAndChangesNothing() {
        try (OnlineLearner a = newLearner(MLP); OnlineLearner b = newLearner(MLP.withSeed(22))) {
            run(b, new SplittableRandom(4), 2);
            byte[] before = b.snapshot();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.restore(a.snapshot()));
            assertTrue(e.getMessage().contains("\"seed\":21"), e.getMessage());
            assertArrayEquals(before, b.snapshot());
            assertNotEquals(0, before.length);
        }
    }

    private static Object learnerMetrics(byte[] snapshot) {
        LearnerSnapshot s = LearnerSnapshot.fromBytes(snapshot);
        return s.metrics().summary(s.steps());
    }
}
