package dev.driftwise.bench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Robust width on hand-made curves: decades of the contiguous stretch within 10 % of the best. */
class RobustWidthTest {

    private static final double[] DECADES = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    @Test
    void countsTheDecadesOfTheStretchAroundTheBest() {
        // best 1.39 at 1e-4; limit 1.529: 1e-6 … 1e-3 qualify, 1e-2 (1.60) does not, 1e-1 diverged
        RobustWidth w = RobustWidth.of(DECADES, new double[] {1.50, 1.40, 1.39, 1.45, 1.60, Double.NaN});
        assertEquals(3.0, w.decades(), 1e-12, "1e-6 … 1e-3 is three decades: " + w);
        assertEquals(1e-6, w.low(), 0);
        assertEquals(1e-3, w.high(), 0);
        assertEquals(1.39, w.best(), 0);
        assertEquals(1e-4, w.bestAt(), 0);
    }

    @Test
    void aFlatCurveSpansEveryDecade() {
        RobustWidth w = RobustWidth.of(DECADES, new double[] {1.386, 1.387, 1.390, 1.391, 1.393, 1.396});
        assertEquals(5.0, w.decades(), 1e-12, "the spec's T1 MetaOptimize numbers are within 10 % from 1e-6 to 1e-1: " + w);
    }

    @Test
    void aGoodPointBeyondABadOneDoesNotCount() {
        // 1e-4 is within 10 % of the best (1e-6) but 1e-5 between them is not: the stretch stops there
        RobustWidth w = RobustWidth.of(new double[] {1e-6, 1e-5, 1e-4}, new double[] {1.0, 2.0, 1.05});
        assertEquals(0.0, w.decades(), 1e-12, "an isolated best point has width 0: " + w);
    }

    @Test
    void theLimitIsExactlyTenPercent() {
        RobustWidth inside = RobustWidth.of(new double[] {0.01, 0.1}, new double[] {2.0, 2.2});
        RobustWidth outside = RobustWidth.of(new double[] {0.01, 0.1}, new double[] {2.0, 2.2000001});
        assertEquals(1.0, inside.decades(), 1e-12, "2.2 is 10 % above 2.0: " + inside);
        assertEquals(0.0, outside.decades(), 1e-12, "just above 10 %: " + outside);
    }

    @Test
    void aNegativeBestUsesItsMagnitude() {
        // excess MSE can dip below zero by noise: within 10 % of -0.01 means up to -0.009
        RobustWidth w = RobustWidth.of(new double[] {1e-3, 1e-2, 1e-1}, new double[] {-0.01, -0.0095, 0.5});
        assertEquals(1.0, w.decades(), 1e-12, w.toString());
    }

    @Test
    void everyPointDivergedGivesZeroWidth() {
        RobustWidth w = RobustWidth.of(new double[] {1e-3, 1e-2}, new double[] {Double.NaN, Double.POSITIVE_INFINITY});
        assertEquals(0.0, w.decades(), 0);
        assertTrue(Double.isNaN(w.best()), w.toString());
    }

    @Test
    void settingsMustIncrease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobustWidth.of(new double[] {1e-2, 1e-3}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("increasing"), e.getMessage());
    }
}
