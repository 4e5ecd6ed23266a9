package dev.driftwise.bench.harness.report;

import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.ConfigResult;
import dev.driftwise.bench.harness.run.MethodResult;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.SweepResult;
import dev.driftwise.bench.harness.score.PrimaryScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The PNG charts of a bench ({@code --charts DIR}): the task's natural series over time per method
 * (T1/T3 windowed MSE, T5–T7 window accuracy; mean over runs) with the drifts marked, α per block
 * over time for each adaptive method, and for {@code --sweep} the robustness curves and the α paths
 * from every swept value; for T2 each method's α against the optimum α*(σ_k). The series come from {@link ChartSeries}; the drawing from {@link LineChart}.
 */
public final class BenchCharts {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;

    /** A chart and the file it goes to. */
    public record ChartFile(Path file, JFreeChart chart) {}

    private BenchCharts() {
    }

    /** Builds every chart of {@code result} (nothing is written). */
    public static List<ChartFile> charts(BenchResult result, Path folder) {
        String task = result.task().id();
        PrimaryScore primary = result.task().primaryScore();
        double[] drifts = ChartSeries.driftMarks(result);
        String driftNote = ChartSeries.driftNote(result, drifts);
        List<ChartFile> out = new ArrayList<>();

        List<LineChart.Line> lines = new ArrayList<>();
        for (MethodResult m : result.methods()) {
            if (m.best() != null) {
                LineChart.Line line = ChartSeries.meanSeries(m.best(), ChartSeries.naturalSeries(primary), result.settings().samples());
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        String what = primary.lowerIsBetter() ? "MSE per window" : "accuracy per 1,000-sample window";
        out.add(new ChartFile(folder.resolve(task + "-" + (primary.lowerIsBetter() ? "mse" : "accuracy") + ".png"),
                LineChart.build(task + ": " + what + " (mean over " + result.seeds().length + " runs)", driftNote,
                        "samples", primary.lowerIsBetter() ? "MSE" : "accuracy", false, false, lines, drifts, List.of())));

        for (MethodResult m : result.methods()) {
            if (m.method().adaptive() && m.best() != null) {
                out.add(new ChartFile(folder.resolve(task + "-alpha-" + StepSizePaths.fileName(m.best().method().label()) + ".png"),
                        LineChart.build(task + ": step sizes of " + m.best().method().label(),
                                "geometric mean over runs; solid: α per block (per-weight: geometric mean of the block), "
                                        + "dashed: median effective step −Δw/g per input group. " + driftNote,
                                "samples", "α (log scale)", false, true, ChartSeries.alphaLines(m.best()), drifts, List.of())));
            }
        }

        ChartFile tracking = trackingChart(result, folder, drifts);
        if (tracking != null) {
            out.add(tracking);
        }

        for (SweepResult s : result.sweeps()) {
            List<LineChart.Line> paths = new ArrayList<>();
            for (ConfigResult c : s.points()) {
                LineChart.Line first = ChartSeries.firstBlockAlpha(c, s.parameter() + "=" + s.values()[s.points().indexOf(c)]);
                if (first != null) {
                    paths.add(first);
                }
            }
            out.add(new ChartFile(folder.resolve(task + "-" + s.parameter() + "-paths-" + StepSizePaths.fileName(s.method().label())
                    + ".png"), LineChart.build(task + ": α of " + s.method().label() + " from every " + s.parameter(),
                    "first block's α, geometric mean over runs. " + driftNote, "samples", "α (log scale)", false, true, paths,
                    drifts, List.of())));
        }
        if (!result.sweeps().isEmpty()) {
            String parameter = result.sweeps().get(0).parameter();
            List<LineChart.Line> curves = new ArrayList<>();
            for (SweepResult s : result.sweeps()) {
                curves.add(ChartSeries.robustnessCurve(s, primary));
            }
            List<LineChart.Level> levels = new ArrayList<>();
            if (result.bestFixed() != null) {
                double best = primary.asLoss(result.bestFixed().score(primary.name()).mean());
                levels.add(new LineChart.Level(best, "best fixed step " + result.bestFixed().method().label()));
                levels.add(new LineChart.Level(best + 0.1 * Math.abs(best), "within 10 %"));
            }
            String loss = primary.lowerIsBetter() ? primary.name() : "error rate (1 − " + primary.name() + ")";
            out.add(new ChartFile(folder.resolve(task + "-robustness-" + parameter + ".png"),
                    LineChart.build(task + ": " + loss + " against " + parameter + " (mean over " + result.seeds().length + " runs)",
                            "missing points diverged", parameter + " (log scale)", loss, true, false, curves, new double[0], levels)));
        }
        return out;
    }

    /**
     * T2: run 0's α of every method (a fixed step's grid point, an adaptive method's first block)
     * against the optimum α*(σ_k) of each segment; null for a task without σ ground truth.
     */
    private static ChartFile trackingChart(BenchResult result, Path folder, double[] drifts) {
        List<LineChart.Line> lines = new ArrayList<>();
        for (MethodResult m : result.methods()) {
            if (m.best() == null || m.best().runs().get(0).diverged()) {
                continue;
            }
            RunResult run = m.best().runs().get(0);
            if (lines.isEmpty()) {
                LineChart.Line optimum = ChartSeries.optimalStepSizes(run, result.settings().samples());
                if (optimum == null) {
                    return null;
                }
                lines.add(optimum);
            }
            if (!run.path().isEmpty()) {
                lines.add(ChartSeries.runAlpha(run, m.best().method().label()));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        String task = result.task().id();
        return new ChartFile(folder.resolve(task + "-alpha-vs-optimum.png"), LineChart.build(task
                + ": α against the optimum α*(σ_k), run 0 (seed " + result.seeds()[0] + ")",
                "dashed: α*(σ_k) of each segment; solid: each method's α (Adam bases: before the normaliser)",
                "samples", "α (log scale)", false, true, lines, drifts, List.of()));
    }

    /** Writes every chart of {@code result} as a {@value #WIDTH}×{@value #HEIGHT} PNG into {@code folder}. */
    public static List<Path> write(BenchResult result, Path folder) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (ChartFile c : charts(result, folder)) {
            writePng(c.chart(), c.file());
            written.add(c.file());
        }
        return written;
    }

    public static void writePng(JFreeChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
