package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.testing.Flat;
import dev.driftwise.metaoptimize.testing.WeightFlippingTask;

/**
 * Task T1 of docs/benchmarks.md, prequential: per sample predict, record (y − ŷ)², then step a
 * linear learner without bias (w0 = 0, loss ½(y − ŷ)², FLOAT64 weights on the JVM engine).
 * Score = MSE over samples 20,001–30,000, mean and standard error over seeds 1..R.
 */
public final class WeightFlippingRun {

    public static final int SAMPLES = 30_000;
    public static final int SCORED_FROM = 20_000;
    private static final int D = WeightFlippingTask.INPUTS;

    private WeightFlippingRun() {}

    /** One seed's score for the optimizer the spec names. */
    public static double score(long seed, String spec) {
        Engine e = JvmEngine.INSTANCE;
        WeightFlippingTask task = new WeightFlippingTask(seed);
        try (OnlineOptimizer opt = OptimizerSpec.parse(spec).resolve(ModelFacts.NONE)
                .build(ParameterLayout.vectors("w", D), e, DType.FLOAT64)) {
            Vec w = e.zeros(D, DType.FLOAT64);
            Vec x = e.zeros(D, DType.FLOAT64);
            Vec g = e.zeros(D, DType.FLOAT64);
            Vec xx = e.zeros(D, DType.FLOAT64);
            StepContext ctx = StepContext.withDiagonalHessian(xx);
            double[] row = new double[D];
            double squaredErrors = 0;
            for (int s = 0; s < SAMPLES; s++) {
                double y = task.next(row);
                Flat.set(x, row);
                double residual = e.dot(w, x) - y; // ŷ − y, before the update (prequential)
                if (s >= SCORED_FROM) {
                    squaredErrors += residual * residual;
                }
                e.scale(g, residual, x); // ∇½(y − ŷ)² = (ŷ − y)x
                e.mul(xx, 1, x, x);
                opt.step(w, g, ctx);
            }
            return squaredErrors / (SAMPLES - SCORED_FROM);
        }
    }

    /** {mean, standard error} over seeds 1..seeds. */
    public static double[] meanAndStandardError(int seeds, String spec) {
        double sum = 0;
        double sumSq = 0;
        for (int r = 1; r <= seeds; r++) {
            double s = score(r, spec);
            sum += s;
            sumSq += s * s;
        }
        double mean = sum / seeds;
        double var = seeds > 1 ? (sumSq - seeds * mean * mean) / (seeds - 1) : 0;
        return new double[] {mean, Math.sqrt(Math.max(var, 0) / seeds)};
    }
}
