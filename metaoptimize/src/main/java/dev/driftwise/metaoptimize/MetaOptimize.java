package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.driftwise.metaoptimize.base.Adam;
import dev.driftwise.metaoptimize.base.BaseUpdate;
import dev.driftwise.metaoptimize.base.Lion;
import dev.driftwise.metaoptimize.base.RmsProp;
import dev.driftwise.metaoptimize.base.Sgd;
import dev.driftwise.metaoptimize.base.SgdMomentum;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.meta.AdamMeta;
import dev.driftwise.metaoptimize.meta.FixedMeta;
import dev.driftwise.metaoptimize.meta.LionMeta;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaUpdate;
import dev.driftwise.metaoptimize.meta.RmsPropMeta;
import dev.driftwise.metaoptimize.meta.SgdMeta;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.meta.TensorStepSize;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import dev.driftwise.metaoptimize.trace.ElementwiseTrace;
import dev.driftwise.metaoptimize.trace.FullTrace;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.NoTrace;
import dev.driftwise.metaoptimize.trace.Trace;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * MetaOptimize (Sharifnassab, Salehkaleybar, Sutton; ICML 2025): any base optimizer whose log step
 * sizes β are learned online from the meta-gradient z = Hᵀg (see docs/metaoptimize-algorithm.md).
 * One step, in the order of the paper's code (spec §6.3, §6.4):
 * <pre>
 * z  = H_tᵀ g_t                      (trace from before this step, spec §8.1)
 * [AFTER_META: β ← MetaStep(β, z)]
 * α  = σ(β);  Δw = −α ⊙ d(g)          (d includes weight decay κw)
 * w  ← w + Δw;  H ← trace update with ∂Δw/∂β
 * [BEFORE_META: β ← MetaStep(β, z)]
 * </pre>
 * All per-weight state lives on the parameters' device; each step runs in an {@link NDScope}.
 */
public final class MetaOptimize implements OnlineOptimizer {

    static final String KIND = "metaoptimize";
    static final int FORMAT_VERSION = 1;

    private final MetaOptimizeConfig config;
    private final ParameterLayout layout;
    private final NDManager manager;
    private final BlockAssignment blocks;
    private final BaseUpdate base;
    private final StepSizeState stepSizes;
    private final Trace trace;
    private long steps;
    private long skipped;
    private boolean initialized;
    private NDList lastMetaGradient;

    MetaOptimize(MetaOptimizeConfig config, ParameterLayout layout, NDManager parent) {
        this.config = config;
        this.layout = layout;
        this.blocks = config.blocks().resolve(layout);
        this.manager = parent.newSubManager();
        this.base = newBase(config);
        MetaUpdate meta = newMeta(config);
        boolean exp = config.stepSizeMap() == StepSizeMap.EXP;
        this.stepSizes = new StepSizeState(meta, config.stepSizeMap(), blocks, layout, config.initialStepSize(),
                Double.isNaN(config.alphaMin()) ? Double.NaN : exp ? Math.log(config.alphaMin()) : config.alphaMin(),
                Double.isNaN(config.alphaMax()) ? Double.NaN : exp ? Math.log(config.alphaMax()) : config.alphaMax(),
                manager);
        this.trace = switch (config.trace()) {
            case NONE -> new NoTrace(blocks);
            case HESSIAN_FREE -> new ElementwiseTrace(false, config.discount(), config.weightDecay(), blocks);
            case DIAGONAL_HESSIAN -> new ElementwiseTrace(true, config.discount(), config.weightDecay(), blocks);
            case FULL -> new FullTrace(base, config.discount(), blocks,
                    config.fullTraceApproximation() == FullTraceApproximation.TWO_BY_TWO,
                    config.meta() == MetaAlgorithm.SGD ? config.metaStepSize() : 0, config.hvpStep());
        };
    }

    public static MetaOptimizeBuilder builder() {
        return new MetaOptimizeBuilder();
    }

    private static BaseUpdate newBase(MetaOptimizeConfig c) {
        return switch (c.base()) {
            case SGD -> new Sgd(c.weightDecay());
            case SGDM -> new SgdMomentum(c.momentum(), c.weightDecay());
            case RMSPROP -> new RmsProp(c.secondMoment(), c.weightDecay());
            case ADAM -> new Adam(c.adamForm(), c.momentum(), c.secondMoment(), c.weightDecay());
            case LION -> new Lion(c.momentum(), c.lionInterpolation(), c.weightDecay());
        };
    }

    private static MetaUpdate newMeta(MetaOptimizeConfig c) {
        return switch (c.meta()) {
            case FIXED -> new FixedMeta();
            case SGD -> new SgdMeta(c.metaStepSize());
            case RMSPROP -> new RmsPropMeta(c.metaStepSize(), c.metaSecondMoment());
            case ADAM -> new AdamMeta(c.metaAdamForm(), c.metaStepSize(), c.metaMomentum(), c.metaSecondMoment());
            case LION -> new LionMeta(c.metaStepSize(), c.metaMomentum(), c.metaLionInterpolation());
        };
    }

    public MetaOptimizeConfig config() {
        return config;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public StepReport step(NDList parameters, NDList gradients, StepContext context) {
        layout.check(parameters, "parameters");
        layout.check(gradients, "gradients");
        StepContext ctx = context == null ? StepContext.none() : context;
        if (config.trace() == TraceKind.DIAGONAL_HESSIAN) {
            if (ctx.diagonalHessian() == null) {
                throw new IllegalArgumentException("context.diagonalHessian is null: trace DIAGONAL_HESSIAN needs the "
                        + "diagonal of the loss Hessian every step (for squared loss on a linear model: x²)");
            }
            layout.check(ctx.diagonalHessian(), "context.diagonalHessian");
        }
        try (GradModeOff noGrad = GradModeOff.on(parameters.get(0)); NDScope scope = new NDScope()) {
            initialize(parameters);
            if (config.skipNonFinite() && !allFinite(new ArrayList<>(gradients))) {
                skipped++;
                return StepReport.skipped(steps, "non-finite gradient");
            }
            Backup backup = config.skipNonFinite() ? new Backup(parameters) : null;
            long t = steps + 1;
            NDList z = trace.metaGradient(gradients);
            if (config.alphaTiming() == AlphaTiming.AFTER_META) {
                stepSizes.update(z, t);
            }
            TensorStepSize[] alpha = stepSizes.alphas(parameters);
            trace.beforeBaseStep(parameters, gradients, ctx, t);
            // only the non-finite safeguard reads the increments back: no list on the default path
            List<NDArray> increments = backup == null ? null : new ArrayList<>(parameters.size() + z.size());
            for (int p = 0; p < parameters.size(); p++) {
                NDArray w = parameters.get(p);
                NDArray g = gradients.get(p);
                NDArray d = base.descent(p, w, g, t);
                NDArray dw = alpha[p].times(d, -1); // Δw = −α ⊙ d
                // ∂Δw/∂β = σ'(β) ⊙ (−d): Δw itself for σ = exp (spec §1.7), −d for σ = identity
                trace.update(p, alpha[p], config.stepSizeMap() == StepSizeMap.EXP ? dw : d.neg(), g, ctx, t);
                w.addi(dw);
                if (increments != null) {
                    increments.add(dw);
                }
            }
            trace.afterStep();
            if (config.alphaTiming() == AlphaTiming.BEFORE_META) {
                stepSizes.update(z, t);
            }
            if (increments != null) {
                increments.addAll(z); // a finite gradient can still meet an overflowing trace
            }
            if (increments != null && !allFinite(increments)) {
                backup.restore();
                skipped++;
                return StepReport.skipped(steps, "non-finite update");
            }
            steps = t;
            if (!z.isEmpty()) {
                NDScope.unregister(z);
                if (lastMetaGradient != null) {
                    lastMetaGradient.close();
                }
                lastMetaGradient = z;
            }
            return StepReport.applied(steps);
        }
    }

    private void initialize(NDList parameters) {
        if (initialized) {
            return;
        }
        for (int p = 1; p < parameters.size(); p++) {
            if (parameters.get(p).getDataType() != parameters.get(0).getDataType()) {
                throw new IllegalArgumentException("parameters[" + p + "] ('" + layout.get(p).name() + "') is "
                        + parameters.get(p).getDataType() + " but parameters[0] is " + parameters.get(0).getDataType()
                        + "; MetaOptimize needs one floating-point dtype for all parameters");
            }
        }
        base.initialize(parameters);
        trace.initialize(parameters);
        initialized = true;
    }

    /** One host sync: whether every element of every array is finite. */
    private static boolean allFinite(List<NDArray> arrays) {
        NDArray bad = null;
        for (NDArray a : arrays) {
            NDArray b = a.isNaN().logicalOr(a.isInfinite()).any();
            bad = bad == null ? b : bad.logicalOr(b);
        }
        return bad == null || !bad.getBoolean();
    }

    /** Copies of everything a step mutates, for the non-finite safeguard. */
    private final class Backup {
        private final List<NDArray> live = new ArrayList<>();
        private final List<NDArray> copies = new ArrayList<>();
        private final double[][] y;
        private final double[][] host;

        Backup(NDList parameters) {
            live.addAll(parameters);
            live.addAll(base.stateArrays());
            live.addAll(trace.stateArrays());
            live.addAll(stepSizes.stateArrays());
            for (NDArray a : live) {
                copies.add(a.duplicate());
            }
            y = trace instanceof FullTrace full ? full.saveY() : null;
            host = stepSizes.hostSnapshot();
        }

        void restore() {
            for (int i = 0; i < live.size(); i++) {
                copies.get(i).copyTo(live.get(i));
            }
            if (y != null) {
                ((FullTrace) trace).restoreY(y);
            }
            stepSizes.restoreHost(host);
        }
    }

    /** Sets the trace (and Y) to zero: a deviation from the paper, for callers that know a task changed. */
    public void resetTrace() {
        trace.reset();
    }

    @Override
    public double[] lastMetaGradients() {
        double[] out = new double[blocks.blockCount()];
        if (lastMetaGradient == null) {
            return out;
        }
        if (!blocks.perWeight()) {
            return lastMetaGradient.get(0).toDoubleArray(); // one z per block, already in float64
        }
        for (int b = 0; b < out.length; b++) {
            try (NDArray sum = lastMetaGradient.get(b).sum()) {
                out[b] = sum.getDouble();
            }
        }
        return out;
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        double[][] beta = stepSizes.betaOnHost();
        double[] norms = trace.squaredNorms();
        double[][] z = new double[beta.length][];
        for (int g = 0; g < beta.length; g++) {
            z[g] = lastMetaGradient == null ? new double[beta[g].length] : lastMetaGradient.get(g).toDoubleArray();
        }
        boolean exp = config.stepSizeMap() == StepSizeMap.EXP;
        List<BlockStepSize> out = new ArrayList<>(blocks.blockCount());
        for (int b = 0; b < blocks.blockCount(); b++) {
            String name = blocks.names().get(b);
            double traceNorm = Math.sqrt(norms[b]);
            if (!blocks.perWeight()) {
                double alpha = exp ? Math.exp(beta[0][b]) : beta[0][b];
                out.add(new BlockStepSize(name, blockSize(b), alpha, beta[0][b], alpha, alpha, z[0][b], traceNorm));
                continue;
            }
            double sum = 0;
            double zSum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < beta[b].length; i++) {
                double alpha = exp ? Math.exp(beta[b][i]) : beta[b][i];
                sum += beta[b][i];
                zSum += z[b][i];
                min = Math.min(min, alpha);
                max = Math.max(max, alpha);
            }
            double meanBeta = sum / beta[b].length;
            // geometric mean of α = exp(mean β) for σ = exp; arithmetic mean for σ = identity
            out.add(new BlockStepSize(name, beta[b].length, exp ? Math.exp(meanBeta) : meanBeta, meanBeta, min, max,
                    zSum, traceNorm));
        }
        return out;
    }

    private long blockSize(int b) {
        long size = 0;
        for (int p = 0; p < layout.count(); p++) {
            if (blocks.blockOf()[p] == b) {
                size += layout.get(p).size();
            }
        }
        return size;
    }

    /**
     * A copy of the trace column of block {@code j} (H[:, j] ≈ dw/dβ_j), aligned with the layout,
     * on the parameters' device; the caller closes it. Empty before the first step.
     */
    public NDList traceColumn(int j) {
        return initialized ? trace.column(j) : new NDList();
    }

    /** Y of the 2×2 full trace (identity otherwise). */
    public double[][] metaSensitivity() {
        if (trace instanceof FullTrace full) {
            return full.metaSensitivity();
        }
        double[][] id = new double[blocks.blockCount()][blocks.blockCount()];
        for (int i = 0; i < id.length; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public long skippedSteps() {
        return skipped;
    }

    @Override
    public OptimizerSpec spec() {
        return config.spec();
    }

    private String fingerprint() {
        return config.name() + config.hyperParameters() + " layout=" + layout;
    }

    @Override
    public byte[] saveState() {
        StateWriter out = new StateWriter(KIND, FORMAT_VERSION, fingerprint());
        out.writeLong(steps).writeLong(skipped).writeBoolean(initialized);
        base.save(out, layout.count());
        trace.save(out);
        stepSizes.save(out);
        out.writeBoolean(lastMetaGradient != null);
        if (lastMetaGradient != null) {
            for (NDArray z : lastMetaGradient) {
                out.writeArray(z);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state, KIND, FORMAT_VERSION, fingerprint());
        long readSteps = in.readLong();
        long readSkipped = in.readLong();
        boolean readInitialized = in.readBoolean();
        base.restore(in, layout.count(), manager);
        trace.restore(in, manager);
        stepSizes.restore(in, manager);
        if (lastMetaGradient != null) {
            lastMetaGradient.close();
            lastMetaGradient = null;
        }
        if (in.readBoolean()) {
            int groups = blocks.perWeight() ? layout.count() : 1;
            lastMetaGradient = new NDList(groups);
            for (int g = 0; g < groups; g++) {
                lastMetaGradient.add(in.readArray(manager));
            }
        }
        in.expectEnd();
        steps = readSteps;
        skipped = readSkipped;
        initialized = readInitialized;
    }

    @Override
    public void close() {
        base.close();
        trace.close();
        stepSizes.close();
        if (lastMetaGradient != null) {
            lastMetaGradient.close();
        }
        manager.close();
    }
}
