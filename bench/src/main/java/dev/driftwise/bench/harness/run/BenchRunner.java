package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.stats.RobustWidth;
import dev.driftwise.bench.harness.stats.Summary;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Expands a plan into runs (every configuration × every run r, with run r's stream seed shared by
 * all configurations: common random numbers), executes them on a thread pool (each run owns its
 * learner), and assembles the results: grids reduced to their best point in hindsight, paired
 * differences to the best fixed step, sweeps reduced to their robust width.
 */
public final class BenchRunner {

    private final PrintStream progress;

    /** @param progress where to print one line per finished run, or null for silence */
    public BenchRunner(PrintStream progress) {
        this.progress = progress;
    }

    public BenchResult run(BenchPlan plan) {
        long start = System.nanoTime();
        long[] seeds = new long[plan.runs()];
        for (int r = 0; r < seeds.length; r++) {
            seeds[r] = plan.task().seedChangesStream() ? plan.seed() + r : plan.seed();
        }
        List<List<BenchMethod>> methodPoints = new ArrayList<>();
        for (BenchMethod m : plan.methods()) {
            List<BenchMethod> points = new ArrayList<>();
            if (m.isGrid()) {
                for (double a : plan.grid().stepSizes()) {
                    points.add(m.withStepSize(a));
                }
            } else {
                points.add(m.adaptive() && !m.hasStepSize() && plan.alpha0() != null ? m.withStepSize(plan.alpha0()) : m);
            }
            methodPoints.add(points);
        }
        List<BenchMethod> swept = new ArrayList<>();
        List<List<BenchMethod>> sweepPoints = new ArrayList<>();
        if (plan.sweep() != BenchPlan.Sweep.NONE) {
            for (List<BenchMethod> points : methodPoints) {
                BenchMethod m = points.get(0);
                if (!m.adaptive() || (plan.sweep() == BenchPlan.Sweep.META_STEP && m.family().equals("default"))) {
                    continue;
                }
                List<BenchMethod> curve = new ArrayList<>();
                for (double v : plan.sweepValues()) {
                    curve.add(plan.sweep() == BenchPlan.Sweep.ALPHA0 ? m.withStepSize(v) : m.withMetaStep(v));
                }
                swept.add(m);
                sweepPoints.add(curve);
            }
        }
        List<List<BenchMethod>> all = new ArrayList<>(methodPoints);
        all.addAll(sweepPoints);
        for (List<BenchMethod> points : all) {
            preflight(plan, points.get(0));
        }
        List<List<List<Future<RunResult>>>> futures = new ArrayList<>();
        int total = all.stream().mapToInt(List::size).sum() * plan.runs();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads());
        try {
            for (List<BenchMethod> points : all) {
                List<List<Future<RunResult>>> perPoint = new ArrayList<>();
                for (BenchMethod config : points) {
                    List<Future<RunResult>> perRun = new ArrayList<>();
                    for (int r = 0; r < plan.runs(); r++) {
                        int run = r;
                        perRun.add(pool.submit(() -> report(plan, SingleRun.run(plan.task(), config, run, seeds[run],
                                plan.settings()), done.incrementAndGet(), total)));
                    }
                    perPoint.add(perRun);
                }
                futures.add(perPoint);
            }
            List<List<ConfigResult>> results = new ArrayList<>();
            for (List<List<Future<RunResult>>> perPoint : futures) {
                List<ConfigResult> configs = new ArrayList<>();
                for (List<Future<RunResult>> perRun : perPoint) {
                    List<RunResult> runs = new ArrayList<>();
                    for (Future<RunResult> f : perRun) {
                        runs.add(get(f));
                    }
                    configs.add(new ConfigResult(runs.get(0).method(), runs));
                }
                results.add(configs);
            }
            return assemble(plan, seeds, results, swept, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private BenchResult assemble(BenchPlan plan, long[] seeds, List<List<ConfigResult>> results, List<BenchMethod> swept,
                                 long start) {
        PrimaryScore primary = plan.task().primaryScore();
        List<MethodResult> methods = new ArrayList<>();
        for (int i = 0; i < plan.methods().size(); i++) {
            List<ConfigResult> points = results.get(i);
            methods.add(new MethodResult(plan.methods().get(i), points, MethodResult.bestOf(points, primary), null));
        }
        ConfigResult bestFixed = bestFixed(methods);
        if (bestFixed != null) {
            double[] reference = bestFixed.values(primary.name());
            methods.replaceAll(m -> m.best() == null ? m : m.withPaired(Summary.paired(m.best().values(primary.name()), reference)));
        }
        List<SweepResult> sweeps = new ArrayList<>();
        for (int s = 0; s < swept.size(); s++) {
            List<ConfigResult> curve = results.get(plan.methods().size() + s);
            double[] losses = curve.stream().mapToDouble(c -> primary.asLoss(c.score(primary.name()).mean())).toArray();
            sweeps.add(new SweepResult(swept.get(s), plan.sweep() == BenchPlan.Sweep.ALPHA0 ? "alpha0" : "metaStep",
                    plan.sweepValues().clone(), curve, RobustWidth.of(plan.sweepValues(), losses)));
        }
        return new BenchResult(plan.task(), plan.settings(), seeds, methods, bestFixed, sweeps, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The reference of the paired differences: the best point of the fixed-step SGD (LMS) grid, else
     * of the first fixed-step grid named, else the first single fixed step named.
     */
    private static ConfigResult bestFixed(List<MethodResult> methods) {
        MethodResult grid = null;
        MethodResult single = null;
        for (MethodResult m : methods) {
            if (m.best() == null || m.method().adaptive()) {
                continue;
            }
            if (m.method().isSgdGrid()) {
                return m.best();
            }
            if (m.method().isGrid() && grid == null) {
                grid = m;
            }
            if (!m.method().isGrid() && single == null) {
                single = m;
            }
        }
        return grid != null ? grid.best() : single != null ? single.best() : null;
    }

    /** Builds one learner with the configuration, so a bad setting fails before hours of runs. */
    private static void preflight(BenchPlan plan, BenchMethod config) {
        try (OnlineLearner ignored = OnlineLearner.builder(plan.task().model()).optimizer(config.config(plan.task().model().facts()))
                .optDevice(DeviceChoice.CPU).build()) {
            // built and released
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method '" + config.label() + "' cannot train the " + plan.task().id() + " model "
                    + plan.task().model().kind().id() + ": " + e.getMessage(), e);
        }
    }

    private RunResult report(BenchPlan plan, RunResult r, int done, int total) {
        if (progress != null) {
            String name = plan.task().primaryScore().name();
            synchronized (progress) {
                progress.printf(Locale.ROOT, "[%d/%d] %s run %d: %s = %s (%.1f s)%n", done, total, r.method().label(),
                        r.run(), name, r.diverged() ? "diverged at sample " + (r.divergedAt() + 1)
                                : String.format(Locale.ROOT, "%.4g", r.scores().get(name)), r.seconds());
            }
        }
        return r;
    }

    private static RunResult get(Future<RunResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
