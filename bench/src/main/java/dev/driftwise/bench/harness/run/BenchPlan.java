package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.method.StepSizeGrid;
import dev.driftwise.bench.harness.task.BenchTask;
import java.util.List;

/**
 * What to run.
 *
 * @param task the task
 * @param methods the methods as named
 * @param runs R
 * @param seed seed of run 0; run r uses seed + r for its stream (every method alike)
 * @param settings samples, micro-batch, path points
 * @param grid the fixed-step grid
 * @param alpha0 α0 for every adaptive method that does not name its own, or null for their defaults
 * @param sweep which sensitivity curve to add, if any
 * @param sweepValues the values swept (increasing)
 * @param threads runs in parallel
 */
public record BenchPlan(BenchTask task, List<BenchMethod> methods, int runs, long seed, RunSettings settings,
                        StepSizeGrid grid, Double alpha0, Sweep sweep, double[] sweepValues, int threads) {

    /** The sensitivity sweeps of benchmarks.md ("Robustness"). */
    public enum Sweep {
        NONE(null),
        /** α0 over 1e-6 … 1e-1. */
        ALPHA0(new double[] {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1}),
        /** The meta step size (η, θ, μ, β) over 1e-5 … 1e-1. */
        META_STEP(new double[] {1e-5, 1e-4, 1e-3, 1e-2, 1e-1});

        private final double[] defaults;

        Sweep(double[] defaults) {
            this.defaults = defaults;
        }

        public double[] defaultValues() {
            return defaults == null ? new double[0] : defaults.clone();
        }
    }

    public BenchPlan {
        methods = List.copyOf(methods);
        if (runs < 1) {
            throw new IllegalArgumentException("--runs " + runs + ": must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads " + threads + ": must be at least 1");
        }
        if (sweep != Sweep.NONE) {
            for (int i = 0; i < sweepValues.length; i++) {
                if (!(sweepValues[i] > 0) || (i > 0 && !(sweepValues[i] > sweepValues[i - 1]))) {
                    throw new IllegalArgumentException("--sweep-values: values must be positive and increasing, got "
                            + java.util.Arrays.toString(sweepValues));
                }
            }
        }
    }
}
