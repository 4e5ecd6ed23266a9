package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.testing.WeightFlippingTask;
import dev.driftwise.metaoptimize.trace.TraceKind;

/**
 * One-off measurement (not a test; minutes per run): T1 with per-weight step sizes and the FULL
 * trace (Hessian-vector products by finite differences, one trace column per weight) against the
 * Hessian-free and diagonal-Hessian traces. The learner is laid out as 20 tensors of shape (1) with
 * per-tensor blocks, which is per-weight step sizes with one trace column per weight.
 *
 * <p>Run: {@code java -cp <test classpath> dev.driftwise.metaoptimize.WeightFlippingTraceComparison [seeds [samples [scoredFrom]]]}
 */
public final class WeightFlippingTraceComparison {

    private static final int N = WeightFlippingTask.INPUTS;

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : WeightFlippingTest.SAMPLES;
        int scoredFrom = args.length > 2 ? Integer.parseInt(args[2]) : WeightFlippingTest.SCORED_FROM;
        Object[][] runs = {
            {TraceKind.FULL, MetaAlgorithm.LION, 0.9},
            {TraceKind.HESSIAN_FREE, MetaAlgorithm.LION, 0.9},
            {TraceKind.DIAGONAL_HESSIAN, MetaAlgorithm.LION, 0.9},
            {TraceKind.FULL, MetaAlgorithm.SGD, 1.0},
            {TraceKind.DIAGONAL_HESSIAN, MetaAlgorithm.SGD, 1.0},
            {TraceKind.HESSIAN_FREE, MetaAlgorithm.SGD, 1.0},
        };
        for (Object[] run : runs) {
            TraceKind trace = (TraceKind) run[0];
            MetaAlgorithm meta = (MetaAlgorithm) run[1];
            double gamma = (Double) run[2];
            MetaOptimizeBuilder b = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(meta)
                    .optMetaStepSize(meta == MetaAlgorithm.LION ? 1e-3 : 1e-2).optDiscount(gamma)
                    .optInitialStepSize(1e-2).optBlocks(StepSizeBlocks.perTensor()).optTrace(trace);
            long start = System.nanoTime();
            double sum = 0;
            for (int seed = 1; seed <= seeds; seed++) {
                sum += score(b, seed, samples, scoredFrom);
            }
            System.out.printf("T1 per-weight SGD base, meta %s (η=%s), trace %s, γ=%.1f, α0=1e-2: MSE over samples %d-%d "
                    + "%.3f (%d seed(s), %.0f s)%n", meta, meta == MetaAlgorithm.LION ? "1e-3" : "1e-2", trace, gamma, scoredFrom + 1, samples, sum / seeds, seeds,
                    (System.nanoTime() - start) / 1e9);
            System.out.flush();
        }
    }

    static double score(MetaOptimizeBuilder builder, long seed, int samples, int scoredFrom) {
        TraceKind trace = builder.config().trace();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList params = new NDList();
            for (int i = 0; i < N; i++) {
                NDArray w = manager.zeros(new Shape(1), DataType.FLOAT64);
                w.setName("w" + i);
                params.add(w);
            }
            WeightFlippingTask task = new WeightFlippingTask(seed);
            double[] x = new double[N];
            double squaredErrors = 0;
            try (MetaOptimize opt = builder.build(ParameterLayout.of(params), manager)) {
                for (int s = 0; s < samples; s++) {
                    double y = task.next(x);
                    double[] w = new double[N];
                    for (int i = 0; i < N; i++) {
                        w[i] = params.get(i).getDouble(0);
                    }
                    double residual = -y;
                    for (int i = 0; i < N; i++) {
                        residual += w[i] * x[i];
                    }
                    if (s >= scoredFrom) {
                        squaredErrors += residual * residual;
                    }
                    try (NDManager step = manager.newSubManager()) {
                        NDList grads = new NDList();
                        NDList diag = new NDList();
                        for (int i = 0; i < N; i++) {
                            grads.add(step.create(new double[] {residual * x[i]}));
                            diag.add(step.create(new double[] {x[i] * x[i]}));
                        }
                        final double target = y;
                        StepContext ctx = switch (trace) {
                            case DIAGONAL_HESSIAN -> StepContext.withDiagonalHessian(diag);
                            case FULL -> StepContext.withGradientFunction(ws -> {
                                double r = -target;
                                for (int i = 0; i < N; i++) {
                                    r += ws.get(i).getDouble(0) * x[i];
                                }
                                NDList g = new NDList();
                                for (int i = 0; i < N; i++) {
                                    g.add(step.create(new double[] {r * x[i]}));
                                }
                                return g;
                            });
                            default -> StepContext.none();
                        };
                        opt.step(params, grads, ctx);
                    }
                }
            }
            return squaredErrors / (samples - scoredFrom);
        }
    }
}
