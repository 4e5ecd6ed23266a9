package dev.driftwise.bench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.method.StepSizeGrid;
import dev.driftwise.bench.harness.run.BenchPlan;
import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.BenchRunner;
import dev.driftwise.bench.harness.run.RunSettings;
import dev.driftwise.bench.harness.score.RandomWalkOptimum;
import dev.driftwise.bench.harness.task.Tasks;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** T2's extra chart: each method's α against α*(σ_k) of run 0, the optimum taken from the generator's σ. */
class TrackingChartTest {

    @Test
    void alphaAgainstTheOptimumOfTheSegment() {
        long samples = 3000;
        BenchPlan plan = new BenchPlan(Tasks.byId("T2"), BenchMethod.parseList("sgd(lr=0.5),sgd-hd"), 1, 1,
                new RunSettings(samples, 1, 10), StepSizeGrid.parse("pow2"), null, BenchPlan.Sweep.NONE, new double[0], 1);
        BenchResult result = new BenchRunner(null).run(plan);
        BenchCharts.ChartFile chart = BenchCharts.charts(result, Path.of("charts")).stream()
                .filter(c -> c.file().getFileName().toString().equals("T2-alpha-vs-optimum.png")).findFirst()
                .orElseThrow(() -> new AssertionError("no T2-alpha-vs-optimum.png among the charts"));
        XYDataset data = chart.chart().getXYPlot().getDataset();
        assertEquals(3, data.getSeriesCount(), "α* and one line per method");
        double sigma = result.methods().get(0).best().runs().get(0).series().get("segmentSigma")[0];
        double optimum = RandomWalkOptimum.bestStepSize(sigma);
        assertEquals("α*(σ_k)", data.getSeriesKey(0));
        assertEquals(0.0, data.getXValue(0, 0), 0, "segment 0 starts at sample 0");
        assertEquals(samples, data.getXValue(0, 1), 0, "and runs to the end of this short run");
        assertEquals(optimum, data.getYValue(0, 0), 1e-12, "α*(σ_0) with σ_0 = " + sigma);
        for (int k = 0; k < data.getItemCount(1); k++) {
            assertEquals(0.5, data.getYValue(1, k), 1e-6, "the fixed step's α is its grid point");
        }
        assertTrue(data.getItemCount(2) >= 10, "SGD-HD's α along the path: " + data.getItemCount(2));
        JFreeChart none = BenchCharts.charts(new BenchRunner(null).run(new BenchPlan(Tasks.byId("T1"),
                BenchMethod.parseList("sgd(lr=0.01)"), 1, 1, new RunSettings(300, 1, 2), StepSizeGrid.parse("pow2"), null,
                BenchPlan.Sweep.NONE, new double[0], 1)), Path.of("charts")).stream()
                .filter(c -> c.file().getFileName().toString().contains("vs-optimum")).map(BenchCharts.ChartFile::chart)
                .findFirst().orElse(null);
        assertEquals(null, none, "no optimum chart for a task without σ ground truth");
    }
}
