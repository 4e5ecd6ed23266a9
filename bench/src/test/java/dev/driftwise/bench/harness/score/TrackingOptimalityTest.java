package dev.driftwise.bench.harness.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** T2's scores on hand-made records, against numbers worked by hand. */
class TrackingOptimalityTest {

    /**
     * σ = 1: √(1 + 4) = √5, P = (1 + √5)/2 = 1.6180340, α* = (−1 + √5)/2 = 0.6180340 (the golden ratio's
     * parts, α*·P = σ² = 1). σ = 2: √(16 + 16) = √32 = 5.6568542, P = 4.8284271, α* = 0.8284271.
     */
    @Test
    void bestStepSizeAndExcessMatchTheClosedForms() {
        assertEquals(1.6180339887, RandomWalkOptimum.excess(1), 1e-9);
        assertEquals(0.6180339887, RandomWalkOptimum.bestStepSize(1), 1e-9);
        assertEquals(4.8284271247, RandomWalkOptimum.excess(2), 1e-9);
        assertEquals(0.8284271247, RandomWalkOptimum.bestStepSize(2), 1e-9);
        assertEquals(0.0, RandomWalkOptimum.bestStepSize(0), 0, "a still level needs no step");
        double small = 1e-4; // α* ≈ σ for small σ; the (−σ² + √…)/2 form would lose digits here
        assertEquals(small, RandomWalkOptimum.bestStepSize(small), 1e-8);
    }

    /** E over σ ~ U(0, 3) of 1 + P(σ) is benchmarks.md's oracle MSE ≈ 4.66 (midpoint rule, 3,000 points). */
    @Test
    void theOracleMseOverTheSigmaRangeIsTheNotesFigure() {
        double sum = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            sum += 1 + RandomWalkOptimum.excess(3.0 * (i + 0.5) / n);
        }
        assertEquals(4.66, sum / n, 0.01);
    }

    /**
     * Two segments of 4 samples, burn-in 1 (samples 0 and 4 are left out), σ_0 = 1, σ_1 = 2:
     * <pre>
     *   segment 0, α = e·α*(1) on samples 1–3: (y − ŷ)² = 2, 2, √5 = 2.2360680
     *     MSE_0 = 6.2360680 / 3 = 2.0786893; 1 + P(1) = 2.6180340; ratio 0.7939887
     *   segment 1, α = α*(2) on samples 5–7: (y − ŷ)² = 1 + P(2) = 5.8284271 each: ratio 1
     *   whole stream: (100 + 2 + 2 + 2.2360680 + 50 + 3 · 5.8284271) / 8 = 21.7151687
     * </pre>
     * |ln α/α*| is 1 on segment 0 (α = e·α*) and 0 on segment 1: the mean over the six scored samples is 0.5.
     */
    @Test
    void excessRatioAndLogRatioPerSegmentOutsideTheBurnIn() {
        double[] sigma = {1, 2};
        TrackingOptimality t = new TrackingOptimality(k -> sigma[k], 1, 4);
        double a0 = RandomWalkOptimum.bestStepSize(1) * Math.E;
        double a1 = RandomWalkOptimum.bestStepSize(2);
        double[] squared0 = {100, 2, 2, Math.sqrt(5)};
        for (int i = 0; i < 4; i++) {
            t.learnedWith(i == 0 ? 1e-9 : a0); // sample 0 is in the burn-in: its α does not count
            t.record(i, 0, squared0[i] / 2, false);
        }
        double best1 = 1 + RandomWalkOptimum.excess(2);
        for (int i = 4; i < 8; i++) {
            t.learnedWith(a1);
            t.record(i, 1, (i == 4 ? 50 : best1) / 2, false);
        }
        double ratio0 = 0.7939887;
        assertArrayEquals(new double[] {ratio0, 1.0}, t.series().get("segmentExcessRatio"), 1e-7);
        assertArrayEquals(new double[] {1, 2}, t.series().get("segmentSigma"), 0);
        assertArrayEquals(new double[] {1, 0}, t.series().get("segmentMeanAbsLogAlphaRatio"), 1e-12);
        assertEquals((ratio0 + 1) / 2, t.scores().get("meanExcessRatio"), 1e-7);
        assertEquals(0.5, t.scores().get("meanAbsLogAlphaRatio"), 1e-12);
        assertEquals(21.7151687, t.scores().get("mse"), 1e-7, "the whole stream, burn-ins included");
        assertEquals(0.0, t.scores().get("alphaNotPositive"), 0);
        assertArrayEquals(new double[] {(100 + 2 + 2 + Math.sqrt(5)) / 4, (50 + 3 * best1) / 4}, t.series().get("windowMse"), 1e-12);
        assertEquals(t.scores(), t.scores(), "reading the scores changes nothing");
    }

    /** A non-positive α (additive hypergradient) has no log ratio: it is counted apart, and the mean is over the rest. */
    @Test
    void aNonPositiveAlphaIsCountedApart() {
        TrackingOptimality t = new TrackingOptimality(k -> 1.0, 0, 10);
        double best = RandomWalkOptimum.bestStepSize(1);
        double[] alphas = {best * 2, -0.1, 0, best};
        for (int i = 0; i < alphas.length; i++) {
            t.learnedWith(alphas[i]);
            t.record(i, 0, 1, false);
        }
        assertEquals(Math.log(2) / 2, t.scores().get("meanAbsLogAlphaRatio"), 1e-12, "(ln 2 + 0) / 2");
        assertEquals(0.5, t.scores().get("alphaNotPositive"), 0);
        assertTrue(t.judgesStepSize(), "T2 asks the run for α");
    }

    /** A segment shorter than its burn-in (a run cut short) has no per-segment value. */
    @Test
    void aSegmentInsideItsBurnInIsNotScored() {
        TrackingOptimality t = new TrackingOptimality(k -> 1.0, 5, 10);
        for (int i = 0; i < 3; i++) {
            t.learnedWith(0.5);
            t.record(i, 0, 1, false);
        }
        assertEquals(0, t.series().get("segmentExcessRatio").length);
        assertTrue(Double.isNaN(t.scores().get("meanExcessRatio")), t.scores().toString());
        assertEquals(2.0, t.scores().get("mse"), 0);
    }
}
