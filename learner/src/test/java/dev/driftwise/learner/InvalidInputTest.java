package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.learner.input.InvalidSampleException.Reason;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** Bad samples are refused with a typed reason, and the learner is left exactly as it was. */
class InvalidInputTest {

    private static OnlineLearner softmax() {
        return OnlineLearner.builder(ModelSpec.softmaxRegression(3, 4).withStandardization(true))
                .optimizer("sgd(lr=0.1)").optDevice(DeviceChoice.CPU).build();
    }

    @Test
    void eachBadSampleIsRefusedWithItsReasonAndNothingChanges() {
        try (OnlineLearner learner = softmax()) {
            MicroBatch batch = learner.newBatch(4);
            batch.add(new float[] {1, 2, 3}, 1).add(new float[] {0, 1, 0}, 3);
            learner.learn(batch);
            byte[] before = learner.snapshot().toBytes();

            expect(learner, Reason.NON_FINITE, 1, "feature 2 is NaN", new float[] {0, 0, Float.NaN}, 0);
            expect(learner, Reason.NON_FINITE, 1, "feature 0 is Infinity", new float[] {Float.POSITIVE_INFINITY, 0, 0}, 0);
            expect(learner, Reason.NON_FINITE, 1, "target is NaN", new float[] {0, 0, 0}, Double.NaN);
            expect(learner, Reason.NON_FINITE, 1, "target is -Infinity", new float[] {0, 0, 0}, Double.NEGATIVE_INFINITY);
            expect(learner, Reason.CLASS_OUT_OF_RANGE, 1, "0..3", new float[] {0, 0, 0}, 4);
            expect(learner, Reason.CLASS_OUT_OF_RANGE, 1, "target -1.0", new float[] {0, 0, 0}, -1);
            expect(learner, Reason.CLASS_OUT_OF_RANGE, 1, "target 1.5", new float[] {0, 0, 0}, 1.5);

            assertArrayEquals(before, learner.snapshot().toBytes(), "model, standardiser, metrics and counters untouched");
            assertEquals(2, learner.samplesSeen());
        }
    }

    @Test
    void wrongFeatureCountIsRefusedWhenAddedAndWhenLearnedOne() {
        try (OnlineLearner learner = softmax()) {
            byte[] before = learner.snapshot().toBytes();
            MicroBatch batch = learner.newBatch(2);
            InvalidSampleException e = assertThrows(InvalidSampleException.class, () -> batch.add(new float[] {1, 2}, 0));
            assertEquals(Reason.WRONG_FEATURE_COUNT, e.reason());
            assertTrue(e.getMessage().contains("got 2 features, the model takes 3"), e.getMessage());
            assertEquals(0, batch.size(), "the bad row was not added");
            assertEquals(Reason.WRONG_FEATURE_COUNT,
                    assertThrows(InvalidSampleException.class, () -> learner.check(new float[] {1}, 0)).reason());
            assertEquals(Reason.CLASS_OUT_OF_RANGE,
                    assertThrows(InvalidSampleException.class, () -> learner.check(new float[] {1, 2, 3}, 9)).reason());
            learner.check(new float[] {1, 2, 3}, 3);
            e = assertThrows(InvalidSampleException.class, () -> learner.learnOne(new float[] {1, 2, 3, 4}, 0));
            assertEquals(Reason.WRONG_FEATURE_COUNT, e.reason());
            MicroBatch foreign = new MicroBatch(1, 5).add(new float[5], 0);
            assertEquals(Reason.WRONG_FEATURE_COUNT, assertThrows(InvalidSampleException.class, () -> learner.learn(foreign)).reason());
            assertArrayEquals(before, learner.snapshot().toBytes());
        }
    }

    @Test
    void binaryTargetsMustBeZeroOrOne() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.logisticRegression(2))
                .optimizer("sgd(lr=0.1)").optDevice(DeviceChoice.CPU).build()) {
            InvalidSampleException e = assertThrows(InvalidSampleException.class, () -> learner.learnOne(new float[] {1, 1}, 2));
            assertEquals(Reason.CLASS_OUT_OF_RANGE, e.reason());
            assertTrue(e.getMessage().contains("0..1"), e.getMessage());
            learner.learnOne(new float[] {1, 1}, 1);
            assertEquals(1, learner.samplesSeen());
        }
    }

    @Test
    void regressionAcceptsAnyFiniteTarget() {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(2))
                .optimizer("sgd(lr=0.1)").optDevice(DeviceChoice.CPU).build()) {
            learner.learnOne(new float[] {1, 1}, -1234.5);
            assertEquals(Reason.NON_FINITE, assertThrows(InvalidSampleException.class,
                    () -> learner.learnOne(new float[] {1, 1}, Double.POSITIVE_INFINITY)).reason());
        }
    }

    private static void expect(OnlineLearner learner, Reason reason, int index, String text, float[] bad, double target) {
        MicroBatch batch = learner.newBatch(3);
        batch.add(new float[] {1, 1, 1}, 0).add(bad, target).add(new float[] {2, 2, 2}, 2);
        InvalidSampleException e = assertThrows(InvalidSampleException.class, () -> learner.learn(batch));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(index, e.sampleIndex(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "message '" + e.getMessage() + "' should contain '" + text + "'");
    }
}
