package dev.driftwise.bench.harness.report;

import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.ConfigResult;
import dev.driftwise.bench.harness.run.MethodResult;
import dev.driftwise.bench.harness.run.PathPoint;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.SweepResult;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.RandomWalkOptimum;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind the charts, from a bench's runs: series averaged over the runs that did not
 * diverge (step sizes geometrically, since they span decades), drift marks, robustness curves.
 */
final class ChartSeries {

    /** More drift marks than this hide the lines (T1 flips a weight every 20 samples); the subtitle says so instead. */
    static final int MAX_MARKS = 50;

    private ChartSeries() {
    }

    /** The series that shows the task over time: windowed MSE for losses, window accuracy otherwise. */
    static String naturalSeries(PrimaryScore primary) {
        return primary.lowerIsBetter() ? "windowMse" : "windowAccuracy";
    }

    /**
     * The mean over non-diverged runs of series {@code name}, point k at sample (k + 1)·samples/length
     * (the end of its window); null when no run has it.
     */
    static LineChart.Line meanSeries(ConfigResult config, String name, long samples) {
        List<double[]> values = new ArrayList<>();
        for (RunResult r : config.runs()) {
            double[] v = r.series().get(name);
            if (!r.diverged() && v != null && v.length > 0) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        int n = values.stream().mapToInt(v -> v.length).min().orElse(0);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = (k + 1) * (double) samples / n;
            for (double[] v : values) {
                y[k] += v[k] / values.size();
            }
        }
        return new LineChart.Line(config.method().label(), x, y, false);
    }

    /** Run 0's drift starts (all runs share the schedule), or none when there are more than {@link #MAX_MARKS}. */
    static double[] driftMarks(BenchResult result) {
        for (MethodResult m : result.methods()) {
            if (m.best() != null && !m.best().runs().isEmpty()) {
                double[] d = m.best().runs().get(0).series().getOrDefault("driftStarts", new double[0]);
                return d.length > MAX_MARKS ? new double[0] : d;
            }
        }
        return new double[0];
    }

    static String driftNote(BenchResult result, double[] marks) {
        int drifts = 0;
        for (MethodResult m : result.methods()) {
            if (m.best() != null && !m.best().runs().isEmpty()) {
                drifts = m.best().runs().get(0).series().getOrDefault("driftStarts", new double[0]).length;
                break;
            }
        }
        if (drifts > marks.length) {
            return drifts + " drifts, too many to mark";
        }
        return drifts == 0 ? "no drift" : "red lines: drifts begin (generator ground truth)";
    }

    /** α of every block (solid) and the median effective step of every input group (dashed), geometric mean over runs. */
    static List<LineChart.Line> alphaLines(ConfigResult config) {
        Map<String, double[]> blocks = new LinkedHashMap<>();
        Map<String, double[]> groups = new LinkedHashMap<>();
        List<RunResult> runs = config.runs().stream().filter(r -> !r.diverged() && !r.path().isEmpty()).toList();
        if (runs.isEmpty()) {
            return List.of();
        }
        int n = runs.stream().mapToInt(r -> r.path().size()).min().orElse(0);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = runs.get(0).path().get(k).sample();
            for (RunResult r : runs) {
                PathPoint p = r.path().get(k);
                for (BlockStepSize b : p.blocks()) {
                    logSum(blocks, b.block(), n)[k] += Math.log(b.alpha()) / runs.size();
                }
                for (Map.Entry<String, Double> g : p.groupSteps().entrySet()) {
                    logSum(groups, g.getKey(), n)[k] += Math.log(g.getValue()) / runs.size();
                }
            }
        }
        List<LineChart.Line> lines = new ArrayList<>();
        blocks.forEach((name, sums) -> lines.add(new LineChart.Line("α " + name, x, exp(sums), false)));
        groups.forEach((name, sums) -> lines.add(new LineChart.Line("−Δw/g inputs " + name, x, exp(sums), true)));
        return lines;
    }

    /** The first block's α over time, geometric mean over runs; null when no run recorded a path. */
    static LineChart.Line firstBlockAlpha(ConfigResult config, String name) {
        for (LineChart.Line line : alphaLines(config)) {
            return new LineChart.Line(name, line.x(), line.y(), false);
        }
        return null;
    }

    /**
     * α*(σ_k) of run 0 as a step line, from its {@code segmentSigma} and {@code driftStarts} series
     * (T2); null when the run has no σ series. Segment k runs from drift start k − 1 (0 for k = 0) to
     * the next; only segments with scored samples carry a σ, so a last segment cut inside its burn-in
     * is left out.
     */
    static LineChart.Line optimalStepSizes(RunResult run, long samples) {
        double[] sigma = run.series().get("segmentSigma");
        if (sigma == null || sigma.length == 0) {
            return null;
        }
        double[] starts = run.series().getOrDefault("driftStarts", new double[0]);
        double[] x = new double[2 * sigma.length];
        double[] y = new double[2 * sigma.length];
        for (int k = 0; k < sigma.length; k++) {
            x[2 * k] = k == 0 ? 0 : starts[k - 1];
            x[2 * k + 1] = k < starts.length ? starts[k] : samples;
            y[2 * k] = RandomWalkOptimum.bestStepSize(sigma[k]);
            y[2 * k + 1] = y[2 * k];
        }
        return new LineChart.Line("α*(σ_k)", x, y, true);
    }

    /** The first block's α of one run along its recorded path. */
    static LineChart.Line runAlpha(RunResult run, String name) {
        double[] x = new double[run.path().size()];
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = run.path().get(k).sample();
            y[k] = run.path().get(k).blocks().get(0).alpha();
        }
        return new LineChart.Line(name, x, y, false);
    }

    /** The sweep's curve: the primary score as a loss (error rate for accuracies) per swept value; diverged points NaN. */
    static LineChart.Line robustnessCurve(SweepResult sweep, PrimaryScore primary) {
        double[] y = new double[sweep.values().length];
        for (int i = 0; i < y.length; i++) {
            double loss = primary.asLoss(sweep.points().get(i).score(primary.name()).mean());
            y[i] = Double.isFinite(loss) ? loss : Double.NaN;
        }
        return new LineChart.Line(sweep.method().label() + " (width " + BenchCharts.format(sweep.width().decades()) + " decades)",
                sweep.values().clone(), y, false);
    }

    private static double[] logSum(Map<String, double[]> sums, String key, int n) {
        return sums.computeIfAbsent(key, k -> new double[n]);
    }

    private static double[] exp(double[] logs) {
        double[] out = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            out[i] = Math.exp(logs[i]);
        }
        return out;
    }
}
