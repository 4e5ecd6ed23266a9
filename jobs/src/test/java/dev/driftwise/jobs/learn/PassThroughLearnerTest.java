package dev.driftwise.jobs.learn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.learner.input.InvalidSampleException.Reason;
import org.junit.jupiter.api.Test;

/** The benchmark baseline refuses the records a real regression learner would, so both runs see the same input. */
class PassThroughLearnerTest {

    @Test
    void checksSamplesAsARegressionOnItsFeatureCount() {
        try (PassThroughLearner learner = new PassThroughLearner(3, 1000, 0.999)) {
            assertDoesNotThrow(() -> learner.check(new float[] {1, 2, 3}, 7.25), "any finite target is a regression target");
            assertEquals(Reason.WRONG_FEATURE_COUNT, reasonOf(learner, new float[] {1, 2}, 0));
            assertEquals(Reason.NON_FINITE, reasonOf(learner, new float[] {1, Float.NaN, 3}, 0));
            assertEquals(Reason.NON_FINITE, reasonOf(learner, new float[] {1, 2, 3}, Double.NEGATIVE_INFINITY));
        }
    }

    private static Reason reasonOf(PassThroughLearner learner, float[] x, double y) {
        return assertThrows(InvalidSampleException.class, () -> learner.check(x, y), "features " + java.util.Arrays.toString(x)
                + ", target " + y).reason();
    }
}
