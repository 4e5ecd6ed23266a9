package dev.driftwise.bench.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.method.StepSizeGrid;
import dev.driftwise.bench.harness.run.BenchPlan;
import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.BenchRunner;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.RunSettings;
import dev.driftwise.bench.harness.task.Tasks;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small T6 bench with an α0 sweep, charted: the PNGs exist, decode at the stated size, and show data. */
class BenchChartsTest {

    private static final long SAMPLES = 4000;

    @TempDir
    static Path dir;

    private static BenchResult result;
    private static List<Path> written;

    @BeforeAll
    static void benchAndChart() throws Exception {
        BenchPlan plan = new BenchPlan(Tasks.byId("T6").forSamples(SAMPLES),
                BenchMethod.parseList("sgd(lr=0.1),metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.999)"), 2, 1, new RunSettings(SAMPLES, 1, 20),
                StepSizeGrid.parse("half-decades"), null, BenchPlan.Sweep.ALPHA0, new double[] {1e-3, 1e-1}, 2);
        result = new BenchRunner(null).run(plan);
        written = BenchCharts.write(result, dir.resolve("charts"));
    }

    @Test
    void everyChartIsAPngOfTheStatedSizeWithDataDrawnInThePlot() throws Exception {
        Set<String> names = written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        String method = "metaoptimize_base=sgd_meta=lion_blocks=per-weight_gamma=0.999_";
        assertEquals(Set.of("T6-accuracy.png", "T6-alpha-" + method + ".png", "T6-alpha0-paths-" + method + ".png",
                "T6-robustness-alpha0.png"), names, "charts written");
        for (BenchCharts.ChartFile c : BenchCharts.charts(result, dir.resolve("charts"))) {
            assertTrue(written.contains(c.file()), c.file() + " was built but not written");
            assertDrawn(c.file(), emptyLike(c.chart()));
        }
    }

    @Test
    void theAccuracyChartIsTheMeanOfTheRunsWithTheThreeDriftsMarked() {
        JFreeChart chart = BenchCharts.charts(result, dir).get(0).chart();
        XYPlot plot = chart.getXYPlot();
        XYDataset data = plot.getDataset();
        assertEquals(2, data.getSeriesCount(), "one line per method");
        List<RunResult> runs = result.methods().get(0).best().runs();
        double[] a = runs.get(0).series().get("windowAccuracy");
        double[] b = runs.get(1).series().get("windowAccuracy");
        assertEquals(SAMPLES / Tasks.WINDOW, data.getItemCount(0), "one point per 1,000-sample window");
        for (int k = 0; k < data.getItemCount(0); k++) {
            assertEquals((k + 1) * 1000.0, data.getXValue(0, k), 1e-9, "x of point " + k);
            assertEquals((a[k] + b[k]) / 2, data.getYValue(0, k), 1e-12, "mean accuracy of window " + k);
        }
        double[] marks = plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).stream()
                .mapToDouble(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue()).sorted().toArray();
        assertArrayEquals(new double[] {SAMPLES / 4, SAMPLES / 2, 3 * SAMPLES / 4}, marks, 0, "drift marks at n/4, n/2, 3n/4");
    }

    /** The same chart with its data removed: axes, titles, legend frame and drift marks stay. */
    private static JFreeChart emptyLike(JFreeChart chart) throws CloneNotSupportedException {
        JFreeChart empty = (JFreeChart) chart.clone();
        empty.getXYPlot().setDataset(0, null);
        return empty;
    }

    private static void assertDrawn(Path png, JFreeChart emptyOfSameKind) throws Exception {
        Path emptyPng = dir.resolve("empty-" + png.getFileName());
        BenchCharts.writePng(emptyOfSameKind, emptyPng);
        BufferedImage drawn = ImageIO.read(png.toFile());
        BufferedImage blank = ImageIO.read(emptyPng.toFile());
        assertEquals(BenchCharts.WIDTH + "x" + BenchCharts.HEIGHT, drawn.getWidth() + "x" + drawn.getHeight(), png + ": size");
        int differing = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                if (drawn.getRGB(x, y) != blank.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 500, png + ": only " + differing + " pixels differ from the same chart without data");
    }
}
