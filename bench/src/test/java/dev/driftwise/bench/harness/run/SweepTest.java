package dev.driftwise.bench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.method.StepSizeGrid;
import dev.driftwise.bench.harness.stats.RobustWidth;
import dev.driftwise.bench.harness.task.Tasks;
import org.junit.jupiter.api.Test;

/** An α0 sweep runs each value and reduces the curve of mean scores to its robust width. */
class SweepTest {

    @Test
    void alpha0SweepGivesOnePointPerValueAndTheWidthOfItsCurve() {
        double[] values = {1e-3, 1e-2, 1e-1};
        BenchPlan plan = new BenchPlan(Tasks.byId("T1"), BenchMethod.parseList("idbd,sgd(lr=0.01)"), 1, 5,
                new RunSettings(600, 1, 2), StepSizeGrid.POW2, null, BenchPlan.Sweep.ALPHA0, values, 1);
        BenchResult result = new BenchRunner(null).run(plan);
        assertEquals(1, result.sweeps().size(), "only the adaptive method is swept");
        SweepResult sweep = result.sweeps().get(0);
        assertEquals("alpha0", sweep.parameter());
        double[] curve = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], sweep.points().get(i).stepSize(), 0, "point " + i + " runs α0 = " + values[i]);
            curve[i] = sweep.points().get(i).score("mse").mean();
        }
        assertEquals(RobustWidth.of(values, curve), sweep.width(), "width of the curve " + java.util.Arrays.toString(curve));
    }
}
