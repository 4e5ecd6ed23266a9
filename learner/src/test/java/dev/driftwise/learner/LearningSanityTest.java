package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.testing.Streams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each model family learns what it should, prequentially, with a plain fixed-step SGD. */
class LearningSanityTest {

    @Test
    void linearRegressionReachesTheNoiseFloor() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(10))
                .optimizer("sgd(lr=0.05)").optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(1);
            MicroBatch batch = learner.newBatch(1);
            double first = Double.NaN;
            for (int i = 0; i < 3000; i++) {
                Streams.fillLinear(batch, 1, random, 0.1);
                learner.learn(batch);
                if (i == 99) {
                    first = learner.metrics().windowLoss();
                }
            }
            MetricsSummary m = learner.metrics();
            // noise σ = 0.1 → ½σ² = 0.005 is the best achievable loss
            assertTrue(m.windowLoss() < 0.01, "window loss " + m.windowLoss() + " should approach ½σ² = 0.005 (first 100: " + first + ")");
            assertTrue(first > 0.5, "early loss " + first + " should be large: the model starts at w = 0");
            assertEquals(3000, m.samplesSeen());
            assertEquals(3000, m.steps());
            assertTrue(Double.isNaN(m.windowAccuracy()), "regression has no accuracy, got " + m.windowAccuracy());
        }
    }

    @Test
    void logisticRegressionSeparatesANearlySeparableStream() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.logisticRegression(6).withStandardization(true))
                .optimizer("sgd(lr=0.5)").optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(2);
            MicroBatch batch = learner.newBatch(8);
            for (int i = 0; i < 600; i++) {
                Streams.fillSeparable(batch, 8, random, 0.02);
                learner.learn(batch);
            }
            MetricsSummary m = learner.metrics();
            // 2 % label noise caps accuracy near 98 %
            assertTrue(m.windowAccuracy() > 0.93, "window accuracy " + m.windowAccuracy() + " should exceed 0.93");
            assertTrue(m.fadingAccuracy() > 0.93, "fading accuracy " + m.fadingAccuracy() + " should exceed 0.93");
        }
    }

    @Test
    void softmaxRegressionLearnsTheArgmaxRule() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.softmaxRegression(6, 3))
                .optimizer("sgd(lr=0.5)").optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(3);
            MicroBatch batch = learner.newBatch(16);
            for (int i = 0; i < 400; i++) {
                Streams.fillMulticlass(batch, 16, 3, random);
                learner.learn(batch);
            }
            assertTrue(learner.metrics().windowAccuracy() > 0.85, "accuracy " + learner.metrics().windowAccuracy());
        }
    }

    @Test
    void mlpLearnsXorWhichNoLinearModelCan() {
        ModelSpec spec = ModelSpec.mlp(2, new int[] {16}, Activation.TANH, Task.BINARY, 0).withSeed(4);
        try (OnlineLearner mlp = OnlineLearner.builder(spec).optimizer("sgd(lr=0.5)").optDevice(DeviceChoice.CPU).build();
             OnlineLearner linear = OnlineLearner.builder(ModelSpec.logisticRegression(2))
                     .optimizer("sgd(lr=0.5)").optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(5);
            MicroBatch batch = mlp.newBatch(8);
            for (int i = 0; i < 1500; i++) {
                Streams.fillXor(batch, 8, random);
                mlp.learn(batch);
                linear.learn(batch);
            }
            double mlpAccuracy = mlp.metrics().windowAccuracy();
            double linearAccuracy = linear.metrics().windowAccuracy();
            assertTrue(mlpAccuracy > 0.9, "MLP window accuracy on XOR " + mlpAccuracy + " should exceed 0.9");
            assertTrue(linearAccuracy < 0.7, "a linear model cannot learn XOR, yet got " + linearAccuracy);
        }
    }

    @Test
    void predictionsImproveAndMatchTheScoredLoss() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(4))
                .optimizer("sgd(lr=0.1)").optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(9);
            MicroBatch batch = learner.newBatch(4);
            Streams.fillLinear(batch, 4, random, 0.0);
            for (int i = 0; i < 300; i++) {
                double[] before = learner.predict(batch);
                BatchScores scores = learner.learn(batch);
                for (int s = 0; s < 4; s++) {
                    double r = batch.target(s) - before[s];
                    assertEquals(0.5 * r * r, scores.loss(s), 1e-9 + 1e-6 * scores.loss(s),
                            "prequential loss is the loss of the prediction made before the update (sample " + s + ")");
                }
            }
            assertTrue(learner.learn(batch).meanLoss() < 1e-3, "repeated batch should be fit");
            float[] first = new float[4];
            for (int j = 0; j < 4; j++) {
                first[j] = batch.feature(0, j);
            }
            // 1e-6: a batch of 4 and a batch of 1 may take different matmul kernels (last-bit differences)
            assertEquals(learner.predict(batch)[0], learner.predictOne(first)[0], 1e-6, "predictOne equals row 0 of predict");
        }
    }
}
