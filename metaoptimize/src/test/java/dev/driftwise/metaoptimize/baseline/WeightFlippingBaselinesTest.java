package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** T1 (Sutton 1992's weight-flipping task) scores of the baselines, 5 seeds × 30,000 samples. */
class WeightFlippingBaselinesTest {

    private static final int SEEDS = 5;

    @Test
    void idbdTracksTheFlippingWeights() {
        long start = System.nanoTime();
        double[] r = WeightFlippingRun.meanAndStandardError(SEEDS, layout -> Idbd.builder(layout).build());
        System.out.printf("T1 IDBD θ=%s: MSE %.3f ± %.3f (%d seeds, %.1f s)%n", Idbd.DEFAULT_META_STEP_SIZE, r[0], r[1], SEEDS,
                (System.nanoTime() - start) / 1e9);
        assertTrue(r[0] >= 1.4 && r[0] <= 1.7, "IDBD on T1: expected MSE in [1.4, 1.7] (Sutton 1992 ≈ 1.5), saw " + r[0]);
    }
}
