package dev.driftwise.bench.harness.run;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;
import java.util.Map;

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
    private final int firstLayer;
    private boolean armed;
    private double[] effective = new double[0];

    private StepSizeProbe(OnlineOptimizer delegate) {
        this.delegate = delegate;
        this.firstLayer = delegate.layout().get(0).size();
    }

    /** A configuration whose optimizers are probes; {@code sink[0]} receives the probe the learner builds. */
    static OptimizerConfig wrapping(OptimizerConfig config, StepSizeProbe[] sink) {
        return new OptimizerConfig() {
            @Override
            public String text() {
                return config.text();
            }

            @Override
            public String label() {
                return config.label();
            }

            @Override
            public Map<String, String> settings() {
                return config.settings();
            }

            @Override
            public boolean needsDiagonalHessian() {
                return config.needsDiagonalHessian();
            }

            @Override
            public boolean needsGradientFunction() {
                return config.needsGradientFunction();
            }

            @Override
            public OnlineOptimizer build(ParameterLayout layout, Engine engine, DType dtype) {
                StepSizeProbe probe = new StepSizeProbe(config.build(layout, engine, dtype));
                sink[0] = probe;
                return probe;
            }
        };
    }

    /** Measure the next step. */
    void arm() {
        armed = true;
    }

    /** −Δw/g of the first layer's weights at the last armed step (NaN where g = 0), row-major. */
    double[] effective() {
        return effective;
    }

    @Override
    public StepReport step(Vec parameters, Vec gradients, StepContext context) {
        if (!armed) {
            return delegate.step(parameters, gradients, context);
        }
        armed = false;
        double[] before = host(parameters);
        double[] g = host(gradients);
        StepReport report = delegate.step(parameters, gradients, context);
        double[] after = host(parameters);
        effective = new double[firstLayer];
        for (int i = 0; i < firstLayer; i++) {
            effective[i] = g[i] == 0 ? Double.NaN : -(after[i] - before[i]) / g[i];
        }
        return report;
    }

    private double[] host(Vec v) {
        double[] out = new double[v.length()];
        v.engine().download(v, out, 0);
        return out;
    }

    @Override public ParameterLayout layout() { return delegate.layout(); }
    @Override public Engine engine() { return delegate.engine(); }
    @Override public List<BlockStepSize> stepSizes() { return delegate.stepSizes(); }
    @Override public double[] alphas() { return delegate.alphas(); }
    @Override public double[] lastMetaGradients() { return delegate.lastMetaGradients(); }
    @Override public long stepCount() { return delegate.stepCount(); }
    @Override public long skippedSteps() { return delegate.skippedSteps(); }
    @Override public OptimizerConfig config() { return delegate.config(); }
    @Override public byte[] saveState() { return delegate.saveState(); }
    @Override public void restoreState(byte[] state) { delegate.restoreState(state); }
    @Override public void close() { delegate.close(); }
}
