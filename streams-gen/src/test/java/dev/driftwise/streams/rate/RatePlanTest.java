package dev.driftwise.streams.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatePlanTest {

    private static final List<String> IDS = List.of("a", "b");

    @Test
    void totalRateIsSharedInProportionToScenarioRates() {
        RatePlan plan = RatePlan.resolve(300.0, null, false, new double[] {10, 20}, IDS);
        assertEquals(300, plan.totalRate(), 1e-9);
        assertEquals(100, plan.streamRate(0), 1e-9);
        assertEquals(200, plan.streamRate(1), 1e-9);
    }

    @Test
    void totalRateIsSharedEquallyWhenTheScenarioSetsNone() {
        RatePlan plan = RatePlan.resolve(300.0, null, false, new double[] {0, 0}, IDS);
        assertEquals(150, plan.streamRate(0), 1e-9);
        assertEquals(150, plan.streamRate(1), 1e-9);
    }

    @Test
    void perStreamRateOverridesTheScenario() {
        RatePlan plan = RatePlan.resolve(null, 50.0, false, new double[] {10, 20}, IDS);
        assertEquals(100, plan.totalRate(), 1e-9);
        assertEquals(50, plan.streamRate(1), 1e-9);
    }

    @Test
    void scenarioRatesApplyWhenNoFlagIsGiven() {
        RatePlan plan = RatePlan.resolve(null, null, false, new double[] {10, 20}, IDS);
        assertEquals(30, plan.totalRate(), 1e-9);
        assertEquals(20, plan.streamRate(1), 1e-9);
    }

    @Test
    void noRatesAnywhereMeansUnpaced() {
        RatePlan plan = RatePlan.resolve(null, null, false, new double[] {0, 0}, IDS);
        assertFalse(plan.paced());
        assertEquals(null, plan.bucket());
        assertFalse(RatePlan.resolve(null, null, true, new double[] {10, 20}, IDS).paced());
    }

    @Test
    void aScenarioThatRatesOnlySomeStreamsIsRejectedWithTheFix() {
        RatePlan.InvalidRate e = assertThrows(RatePlan.InvalidRate.class,
                () -> RatePlan.resolve(null, null, false, new double[] {10, 0}, IDS));
        assertTrue(e.getMessage().contains("a at 10.0/s") && e.getMessage().contains("(b)")
                && e.getMessage().contains("--rate-per-stream"), e.getMessage());
    }
}
