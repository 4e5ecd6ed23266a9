package dev.driftwise.bench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void meanAndStandardErrorByHand() {
        // values 1, 2, 3, 6: mean 3, sample variance (4 + 1 + 0 + 9) / 3 = 14/3, se = sqrt(14/3 / 4)
        Summary s = Summary.of(new double[] {1, 2, 3, 6});
        assertEquals(3.0, s.mean(), 1e-15);
        assertEquals(Math.sqrt(14.0 / 3 / 4), s.standardError(), 1e-15);
    }

    @Test
    void pairedDifferenceRemovesTheCommonRunEffect() {
        // run effects 10, 20, 30 shared by both methods; a is better by exactly 0.5 in every run
        Summary d = Summary.paired(new double[] {9.5, 19.5, 29.5}, new double[] {10, 20, 30});
        assertEquals(-0.5, d.mean(), 1e-12);
        assertEquals(0.0, d.standardError(), 1e-12, "identical differences have no spread, whatever the run effects");
    }

    @Test
    void aDivergedRunMakesTheMeanUndefined() {
        Summary s = Summary.of(new double[] {1, Double.NaN});
        assertTrue(Double.isNaN(s.mean()));
        assertEquals(1, s.nonFinite());
    }
}
