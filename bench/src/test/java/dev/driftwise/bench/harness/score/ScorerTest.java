package dev.driftwise.bench.harness.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The task scores on hand-made prequential records. */
class ScorerTest {

    @Test
    void squaredErrorTailScoresOnlyTheTailAndDoublesTheHalfLoss() {
        SquaredErrorTail t = new SquaredErrorTail(2, 1.0, true, 2);
        double[] halfSquared = {10, 10, 0.5, 1.5}; // (y − ŷ)² = 20, 20, 1, 3
        for (int i = 0; i < halfSquared.length; i++) {
            t.record(i, 0, halfSquared[i], false);
        }
        assertEquals(2.0, t.scores().get("mse"), 1e-12, "tail (1 + 3) / 2");
        assertEquals(1.0, t.scores().get("excessMse"), 1e-12, "MSE − σ²");
        assertEquals(11.0, t.scores().get("mseWholeStream"), 1e-12);
        assertArrayEquals(new double[] {20, 2}, t.series().get("windowMse"), 1e-12, "MSE per window of 2 samples");
    }

    @Test
    void driftRecoveryCountsSamplesUntilTheWindowIsBackWithinOnePoint() {
        // window 10, tolerance 0.1: 100 % correct before the drift at index 20; then 4 wrong, then right again
        DriftRecovery d = new DriftRecovery(10, 0.1);
        int i = 0;
        for (; i < 20; i++) {
            d.record(i, 0, 0.1, true);
        }
        boolean[] after = {false, false, false, false, true, true, true, true, true, true, true, true, true, true, true};
        for (boolean c : after) {
            d.record(i++, 1, 0.1, c);
        }
        // window accuracy drops to 0.6 (4 wrong) and is back to 0.9 = 1.0 − 0.1 once only one wrong sample
        // is left in the window: the window 23..32, i.e. at index 32, 13 samples after the drift at 20
        assertArrayEquals(new double[] {13}, d.series().get("recoverySamples"), 0);
        assertEquals(13.0, d.scores().get("meanRecoverySamples"), 0);
        assertEquals(0.0, d.scores().get("driftsNotRecovered"), 0);
    }

    @Test
    void aDriftThatNeverRecoversIsCountedAsSuch() {
        DriftRecovery d = new DriftRecovery(5, 0.01);
        for (int i = 0; i < 10; i++) {
            d.record(i, 0, 0.1, true);
        }
        for (int i = 10; i < 30; i++) {
            d.record(i, 1, 0.1, i % 2 == 0);
        }
        assertTrue(Double.isNaN(d.series().get("recoverySamples")[0]), "still at 50 % at the end");
        assertEquals(1.0, d.scores().get("driftsNotRecovered"), 0);
    }

    @Test
    void taskAccuracyPerTaskFirstSamplesAndSlope() {
        TaskAccuracy t = new TaskAccuracy(10, 2);
        // task 0: 4 samples, 2 right (first two wrong); task 1: 4 samples all right
        boolean[] task0 = {false, false, true, true};
        int i = 0;
        for (boolean c : task0) {
            t.record(i++, 0, 0.5, c);
        }
        for (int k = 0; k < 4; k++) {
            t.record(i++, 1, 0.5, true);
        }
        assertArrayEquals(new double[] {0.5, 1.0}, t.series().get("taskAccuracy"), 1e-12);
        assertArrayEquals(new double[] {0.0, 1.0}, t.series().get("taskFirstSamplesAccuracy"), 1e-12);
        assertEquals(0.5, t.scores().get("taskAccuracySlope"), 1e-12, "accuracy rises by 0.5 per task");
        assertEquals(0.75, t.scores().get("accuracy"), 1e-12);
    }

    /** --score-from: accuracy and log-loss count samples 2, 3, 4 only; the whole stream's accuracy is kept beside them. */
    @Test
    void prequentialAccuracyFromAScoreWindow() {
        PrequentialAccuracy a = new PrequentialAccuracy(2, 2);
        boolean[] correct = {false, false, true, false, true};
        double[] loss = {9, 9, 0.1, 0.7, 0.1};
        for (int i = 0; i < correct.length; i++) {
            a.record(i, 0, loss[i], correct[i]);
        }
        assertEquals(2.0 / 3, a.scores().get("accuracy"), 1e-12, "samples 2-4: 2 of 3");
        assertEquals(0.3, a.scores().get("logLoss"), 1e-12, "(0.1 + 0.7 + 0.1) / 3");
        assertEquals(0.4, a.scores().get("accuracyWholeStream"), 1e-12, "2 of 5");
        assertEquals(0.5, a.scores().get("lowestWindowAccuracy"), 1e-12, "windows inside the score window: [2,3] 0.5, [3,4] 0.5");
        assertArrayEquals(new double[] {0, 0.5}, a.series().get("windowAccuracy"), 1e-12, "the series runs over every sample");
        assertTrue(!new PrequentialAccuracy(2).scores().containsKey("accuracyWholeStream"), "no duplicate without a window");
    }

    @Test
    void accuracyAsALossForRankingAndRobustWidth() {
        PrimaryScore acc = new PrimaryScore("accuracy", false);
        assertEquals(0.1, acc.asLoss(0.9), 1e-12, "error rate");
        assertTrue(acc.better(0.9, 0.8));
        assertEquals(Double.POSITIVE_INFINITY, acc.asLoss(Double.NaN), "a diverged run ranks last");
    }
}
