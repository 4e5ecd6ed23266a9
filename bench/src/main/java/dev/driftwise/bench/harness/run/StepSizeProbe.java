package dev.driftwise.bench.harness.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.baseline.HypergradientAdam;
import dev.driftwise.metaoptimize.baseline.HypergradientSgd;
import java.util.List;

/**
 * Wraps a learner's optimizer to measure, on the steps it is armed for, the <b>effective step size</b>
 * of every first-layer weight: −Δw_i / g_i. For an SGD-based method (LMS, IDBD, Autostep, SGD-HD,
 * MetaOptimize on SGD) this is exactly the weight's α_i; for Adam-like bases it is α_i divided by
 * the base's normaliser. The optimizers publish only a per-block summary of per-weight α
 * ({@link BlockStepSize}: geometric mean, min, max), and T1 and T6 need α by input, hence this probe.
 * Only armed steps copy to the host.
 */
final class StepSizeProbe implements OnlineOptimizer {

    private final OnlineOptimizer delegate;
    private boolean armed;
    private double[] effective = new double[0];

    private StepSizeProbe(OnlineOptimizer delegate) {
        this.delegate = delegate;
    }

    /** A factory whose optimizers are probes; {@code sink[0]} receives the probe the learner builds. */
    static OptimizerFactory wrapping(OptimizerFactory factory, StepSizeProbe[] sink) {
        OptimizerFactory wrapped = new OptimizerFactory() {
            @Override
            public OnlineOptimizer create(ParameterLayout layout, NDManager manager) {
                StepSizeProbe probe = new StepSizeProbe(factory.create(layout, manager));
                sink[0] = probe;
                return probe;
            }

            @Override
            public String description() {
                return factory.description();
            }

            @Override
            public boolean needsDiagonalHessian() {
                return factory.needsDiagonalHessian();
            }
        };
        return wrapped;
    }

    /** Measure the next step. */
    void arm() {
        armed = true;
    }

    /**
     * α of the optimizer's first block after its last step: a plain field for hypergradient descent;
     * otherwise {@link OnlineOptimizer#stepSizes()}, which copies β, the trace norms and the last
     * meta-gradient to the host (about as much again as a one-weight learner's step, see
     * docs/benchmarks.md, T2), since the optimizers have no cheaper read of α.
     */
    double firstBlockAlpha() {
        if (delegate instanceof HypergradientSgd hd) {
            return hd.stepSize();
        }
        if (delegate instanceof HypergradientAdam hd) {
            return hd.stepSize();
        }
        return delegate.stepSizes().get(0).alpha();
    }

    /** −Δw/g of the first layer's weights at the last armed step (NaN where g = 0), row-major. */
    double[] effective() {
        return effective;
    }

    @Override
    public StepReport step(NDList parameters, NDList gradients, StepContext context) {
        if (!armed) {
            return delegate.step(parameters, gradients, context);
        }
        armed = false;
        double[] before = host(parameters.get(0));
        double[] g = host(gradients.get(0));
        StepReport report = delegate.step(parameters, gradients, context);
        double[] after = host(parameters.get(0));
        effective = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            effective[i] = g[i] == 0 ? Double.NaN : -(after[i] - before[i]) / g[i];
        }
        return report;
    }

    private static double[] host(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Override public ParameterLayout layout() { return delegate.layout(); }
    @Override public List<BlockStepSize> stepSizes() { return delegate.stepSizes(); }
    @Override public long stepCount() { return delegate.stepCount(); }
    @Override public long skippedSteps() { return delegate.skippedSteps(); }
    @Override public OptimizerSpec spec() { return delegate.spec(); }
    @Override public byte[] saveState() { return delegate.saveState(); }
    @Override public void restoreState(byte[] state) { delegate.restoreState(state); }
    @Override public void close() { delegate.close(); }
}
