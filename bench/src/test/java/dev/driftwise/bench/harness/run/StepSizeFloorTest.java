package dev.driftwise.bench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.task.BenchTask;
import dev.driftwise.bench.harness.task.Tasks;
import dev.driftwise.metaoptimize.BlockStepSize;
import org.junit.jupiter.api.Test;

/**
 * {@code amin=} puts a floor under MetaOptimize's α: on the stationary T3 stream the stream default's
 * configuration (here with η = 3e-3, to anneal within a short run) takes α far below its α0, and
 * with a floor α stops there and learning goes on.
 */
class StepSizeFloorTest {

    private static final BenchTask T3 = Tasks.byId("T3");
    private static final RunSettings SHORT = new RunSettings(6000, 1, 3);

    @Test
    void theFloorHoldsAlphaWhereTheUnboundedRunAnnealsBelowIt() {
        double floor = 3e-4;
        BenchMethod free = BenchMethod.parse("metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.999,eta=0.003,alpha0=0.001)");
        BenchMethod floored = BenchMethod.parse("metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.999,eta=0.003,alpha0=0.001,alpha-min=3e-4)");
        assertTrue(floored.label().contains("alpha-min=3e-4"), "the report's label names the floor: " + floored.label());

        BlockStepSize freeAlpha = SingleRun.run(T3, free, 0, 5, SHORT).finalStepSizes().blocks().get(0);
        RunResult flooredRun = SingleRun.run(T3, floored, 0, 5, SHORT);
        BlockStepSize flooredAlpha = flooredRun.finalStepSizes().blocks().get(0);

        assertTrue(freeAlpha.alpha() < floor, "without a floor α anneals below " + floor + ": " + freeAlpha.alpha());
        assertEquals(floor, flooredAlpha.alpha(), floor * 1e-9, "with amin=" + floor + " α stops at the floor");
        assertTrue(Double.isFinite(flooredRun.scores().get("mse")), "the floored run learns on: " + flooredRun.scores());
    }
}
