package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.base.Adam;
import dev.driftwise.metaoptimize.base.BaseUpdate;
import dev.driftwise.metaoptimize.base.Lion;
import dev.driftwise.metaoptimize.base.RmsProp;
import dev.driftwise.metaoptimize.base.Sgd;
import dev.driftwise.metaoptimize.base.SgdMomentum;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.blocks.RunViews;
import dev.driftwise.metaoptimize.meta.AdamMeta;
import dev.driftwise.metaoptimize.meta.FixedMeta;
import dev.driftwise.metaoptimize.meta.LionMeta;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaUpdate;
import dev.driftwise.metaoptimize.meta.RmsPropMeta;
import dev.driftwise.metaoptimize.meta.SgdMeta;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
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
 * H ← trace update with ∂Δw/∂β;  w ← w + Δw
 * [BEFORE_META: β ← MetaStep(β, z)]
 * </pre>
 * The equations live in the base, meta and trace classes, written once over {@link Engine}
 * operations; this class only orders them. All weight-sized state is on the engine, in flat vectors
 * of the layout; step-size state of scalar and blockwise step sizes is on the host.
 */
public final class MetaOptimize implements OnlineOptimizer {

    static final String KIND = "metaoptimize";
    static final int FORMAT_VERSION = 2;

    private final MetaOptimizeConfig config;
    private final ParameterLayout layout;
    private final Engine engine;
    private final DType dtype;
    private final BlockAssignment blocks;
    private final List<BlockAssignment.Run> runs;
    private final BaseUpdate base;
    private final StepSizeState stepSizes;
    private final Trace trace;
    private final boolean exp;
    private final RunViews weightRuns;
    private final RunViews directionRuns;
    private final RunViews diagonalRuns;
    /** α ⊙ (this step's stability factor) for per-weight step sizes under the stability cap; else null. */
    private final Vec cappedAlpha;
    /** Watches ‖g‖² for an abrupt drift when restart-ratio is set; else null. */
    private final GradientSurprise surprise;
    private long steps;
    private long skipped;
    private long restarts;
    private List<Vec> backup;

    MetaOptimize(MetaOptimizeConfig config, ParameterLayout layout, Engine engine, DType dtype) {
        this.config = config;
        this.layout = layout;
        this.engine = engine;
        this.dtype = dtype;
        this.blocks = config.blocks().resolve(layout);
        this.runs = blocks.runs(layout);
        int n = layout.totalSize();
        this.base = newBase(config, engine, n, dtype);
        this.exp = config.stepSizeMap() == StepSizeMap.EXP;
        this.stepSizes = new StepSizeState(newMeta(config), config.stepSizeMap(),
                blocks.perWeight() ? n : blocks.blockCount(), blocks.perWeight(), engine, dtype, config.initialStepSize(),
                bound(config.alphaMin()), bound(config.alphaMax()));
        this.trace = switch (config.trace()) {
            case NONE -> new NoTrace(blocks.blockCount());
            case HESSIAN_FREE -> new ElementwiseTrace(false, config.discount(), config.weightDecay(), blocks, runs, engine, n, dtype);
            case DIAGONAL_HESSIAN -> new ElementwiseTrace(true, config.discount(), config.weightDecay(), blocks, runs, engine, n, dtype);
            case FULL -> new FullTrace(base, config.discount(), runs, blocks.blockCount(),
                    config.fullTraceApproximation() == FullTraceApproximation.TWO_BY_TWO,
                    config.meta() == MetaAlgorithm.SGD ? config.metaStepSize() : 0, config.hvpStep(), engine, n, dtype);
        };
        this.weightRuns = new RunViews(runs);
        this.directionRuns = new RunViews(runs);
        this.diagonalRuns = new RunViews(runs);
        this.cappedAlpha = config.stabilityCap() && blocks.perWeight() ? engine.zeros(layout.totalSize(), dtype) : null;
        this.surprise = Double.isNaN(config.restartRatio()) ? null : new GradientSurprise(config.restartRatio());
    }

    private double bound(double alpha) {
        if (Double.isNaN(alpha)) {
            return Double.NaN;
        }
        return config.stepSizeMap() == StepSizeMap.EXP ? Math.log(alpha) : alpha;
    }

    public static MetaOptimizeBuilder builder() {
        return new MetaOptimizeBuilder();
    }

    private static BaseUpdate newBase(MetaOptimizeConfig c, Engine e, int n, DType t) {
        return switch (c.base()) {
            case SGD -> new Sgd(e, n, t, c.weightDecay());
            case SGDM -> new SgdMomentum(e, n, t, c.momentum(), c.weightDecay());
            case RMSPROP -> new RmsProp(e, n, t, c.secondMoment(), c.weightDecay());
            case ADAM -> new Adam(e, n, t, c.adamForm(), c.momentum(), c.secondMoment(), c.weightDecay());
            case LION -> new Lion(e, n, t, c.momentum(), c.lionInterpolation(), c.weightDecay());
        };
    }

    private static MetaUpdate newMeta(MetaOptimizeConfig c) {
        return switch (c.meta()) {
            case FIXED -> new FixedMeta();
            case SGD -> new SgdMeta(c.metaStepSize());
            case RMSPROP -> new RmsPropMeta(c.metaStepSize(), c.metaSecondMoment());
            case ADAM -> new AdamMeta(c.metaAdamForm(), c.metaStepSize(), c.metaMomentum(), c.metaSecondMoment());
            case LION -> new LionMeta(c.metaStepSize(), c.metaMomentum(), c.metaLionInterpolation(), c.etaMax(), c.etaGrowth());
        };
    }

    @Override
    public MetaOptimizeConfig config() {
        return config;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public StepReport step(Vec parameters, Vec gradients, StepContext context) {
        checkOperand(parameters, "parameters");
        checkOperand(gradients, "gradients");
        StepContext ctx = context == null ? StepContext.none() : context;
        if (config.needsDiagonalHessian()) {
            if (ctx.diagonalHessian() == null) {
                throw new IllegalArgumentException("context.diagonalHessian is null: " + (config.stabilityCap()
                        ? "stability-cap" : "trace DIAGONAL_HESSIAN") + " needs the diagonal of the loss Hessian every "
                        + "step (for squared loss on a linear model: x²)");
            }
            checkOperand(ctx.diagonalHessian(), "context.diagonalHessian");
        }
        if (config.skipNonFinite()) {
            if (!engine.allFinite(gradients)) {
                skipped++;
                return StepReport.skipped("non-finite gradient");
            }
            saveBackup(parameters);
        }
        long t = steps + 1;
        if (surprise != null && surprise.observe(engine.dot(gradients, gradients))) {
            restart();
        }
        trace.metaGradient(gradients, stepSizes);
        if (config.alphaTiming() == AlphaTiming.AFTER_META) {
            stepSizes.update(t);
        }
        double stable = config.stabilityCap() ? stabilityFactor(ctx.diagonalHessian()) : 1;
        trace.beforeBaseStep(parameters, gradients, ctx, t);
        Vec d = base.descent(parameters, gradients, t);
        if (blocks.perWeight()) {
            Vec alpha = stepSizes.alphaVector();
            if (stable < 1) {
                engine.scale(cappedAlpha, stable, alpha);
                alpha = cappedAlpha;
            }
            trace.updatePerWeight(alpha, exp, d, ctx, t);
            engine.addcmul(parameters, 1, parameters, -1, alpha, d); // w ← w − α ⊙ d
        } else {
            Vec[] w = weightRuns.of(parameters);
            Vec[] dr = directionRuns.of(d);
            for (int r = 0; r < w.length; r++) {
                double alpha = stepSizes.alpha(runs.get(r).block()) * stable;
                // ∂Δw/∂β = σ'(β) ⊙ (−d): Δw itself for σ = exp (spec §1.7), −d for σ = identity
                trace.updateRun(r, alpha, exp ? -alpha : -1, dr[r], ctx, t);
                engine.lincomb(w[r], 1, w[r], -alpha, dr[r]);
            }
        }
        trace.afterStep();
        if (config.alphaTiming() == AlphaTiming.BEFORE_META) {
            stepSizes.update(t);
        }
        if (config.skipNonFinite() && !stepIsFinite(parameters)) {
            restoreBackup(parameters);
            skipped++;
            return StepReport.skipped("non-finite update");
        }
        steps = t;
        return StepReport.APPLIED;
    }

    /**
     * restart-ratio (a deviation from the paper, for the default): the gradient's energy jumped far above its
     * long-run level, so the concept changed and step sizes annealed on the old one are decades too small for
     * the new one. Every α is raised to at least restart-alpha and the trace, which holds the old concept's updates, is
     * cleared (kept, it pulled the raised α straight back down: T7 0.78 → 0.73); from there the meta update
     * anneals α again, as after the first sample. Measured on an abrupt drift after a long stationary stretch:
     * the per-weight meta-gradient's sign is right on only about 60 % of samples, so the growing meta step alone
     * took 2,000 samples to regain three decades (docs/benchmarks.md, "The default").
     */
    private void restart() {
        restarts++;
        stepSizes.restart(bound(config.restartAlpha()));
        trace.reset();
    }

    /**
     * The normalised-LMS / Autostep stability bound (Mahmood et al. 2012): M = Σ_i α_i ∂²f/∂w_i² is the
     * fraction of the distance to this sample's minimum that the step covers along a GLM's curvature (the
     * sample's error after the step is 1 − M times the error before). This step's α is scaled by
     * min(1, 1/M), so no sample is overshot, whatever α0 or the scale of the inputs; β itself is left to the
     * meta update, which lowers it where steps keep hitting the bound. Autostep divides its stored α by M
     * instead: measured on weight flipping (T1), lowering β on every capped sample held the relevant inputs'
     * α at 0.05 instead of 0.12 and cost 35 % MSE (docs/benchmarks.md, "The default").
     */
    private double stabilityFactor(Vec diagonal) {
        double m;
        if (blocks.perWeight()) {
            m = engine.dot(stepSizes.alphaVector(), diagonal);
        } else {
            m = 0;
            Vec[] d = diagonalRuns.of(diagonal);
            for (int r = 0; r < d.length; r++) {
                m += stepSizes.alpha(runs.get(r).block()) * engine.sum(d[r]);
            }
        }
        return m > 1 ? 1 / m : 1;
    }

    private void checkOperand(Vec v, String what) {
        if (v.length() != layout.totalSize()) {
            throw new IllegalArgumentException(what + ": " + v.length() + " values, the layout has " + layout.totalSize()
                    + " (" + layout + ")");
        }
        if (v.engine() != engine || v.dtype() != dtype) {
            throw new IllegalArgumentException(what + " is " + v + ", this optimizer runs on the " + engine.name()
                    + " engine in " + dtype);
        }
    }

    /** A finite gradient can still meet an overflowing trace or step size: check what the step wrote. */
    private boolean stepIsFinite(Vec parameters) {
        if (!engine.allFinite(parameters)) {
            return false;
        }
        for (Vec v : stepSizes.state()) {
            if (!v.engine().allFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private List<Vec> mutableState(Vec parameters) {
        List<Vec> all = new ArrayList<>();
        all.add(parameters);
        all.addAll(base.state());
        all.addAll(trace.state());
        all.addAll(stepSizes.state());
        return all;
    }

    private void saveBackup(Vec parameters) {
        List<Vec> live = mutableState(parameters);
        if (backup == null) {
            backup = new ArrayList<>();
            for (Vec v : live) {
                backup.add(v.engine().zeros(v.length(), v.dtype()));
            }
        }
        for (int i = 0; i < live.size(); i++) {
            live.get(i).engine().copy(backup.get(i), live.get(i));
        }
        hostBackup = trace.hostState();
    }

    private double[] hostBackup;

    private void restoreBackup(Vec parameters) {
        List<Vec> live = mutableState(parameters);
        for (int i = 0; i < live.size(); i++) {
            live.get(i).engine().copy(live.get(i), backup.get(i));
        }
        trace.restoreHostState(hostBackup);
        stepSizes.restored();
    }

    /** Sets the trace (and Y) to zero: a deviation from the paper, for callers that know a task changed. */
    public void resetTrace() {
        trace.reset();
    }

    @Override
    public double[] lastMetaGradients() {
        double[] z = stepSizes.metaGradientOnHost();
        if (!blocks.perWeight()) {
            return z;
        }
        double[] out = new double[layout.count()];
        for (int p = 0; p < out.length; p++) {
            for (int i = layout.offset(p); i < layout.offset(p) + layout.get(p).size(); i++) {
                out[p] += z[i];
            }
        }
        return out;
    }

    @Override
    public double[] alphas() {
        double[] beta = stepSizes.betaOnHost();
        double[] out = new double[blocks.blockCount()];
        for (int b = 0; b < out.length; b++) {
            if (!blocks.perWeight()) {
                out[b] = exp ? Math.exp(beta[b]) : beta[b];
                continue;
            }
            double mean = 0;
            int size = layout.get(b).size();
            for (int i = layout.offset(b); i < layout.offset(b) + size; i++) {
                mean += beta[i] / size;
            }
            out[b] = exp ? Math.exp(mean) : mean; // geometric mean of α for σ = exp
        }
        return out;
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        double[] beta = stepSizes.betaOnHost();
        double[] z = stepSizes.metaGradientOnHost();
        double[] norms = trace.squaredNorms();
        List<BlockStepSize> out = new ArrayList<>(blocks.blockCount());
        for (int b = 0; b < blocks.blockCount(); b++) {
            String name = blocks.names().get(b);
            double traceNorm = Math.sqrt(norms[b]);
            if (!blocks.perWeight()) {
                double alpha = exp ? Math.exp(beta[b]) : beta[b];
                out.add(new BlockStepSize(name, blockSize(b), alpha, beta[b], alpha, alpha, z[b], traceNorm));
                continue;
            }
            double sum = 0;
            double zSum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int size = layout.get(b).size();
            for (int i = layout.offset(b); i < layout.offset(b) + size; i++) {
                double alpha = exp ? Math.exp(beta[i]) : beta[i];
                sum += beta[i];
                zSum += z[i];
                min = Math.min(min, alpha);
                max = Math.max(max, alpha);
            }
            double meanBeta = sum / size;
            // geometric mean of α = exp(mean β) for σ = exp; arithmetic mean for σ = identity
            out.add(new BlockStepSize(name, size, exp ? Math.exp(meanBeta) : meanBeta, meanBeta, min, max, zSum, traceNorm));
        }
        return out;
    }

    private long blockSize(int b) {
        long size = 0;
        for (BlockAssignment.Run run : runs) {
            if (run.block() == b) {
                size += run.length();
            }
        }
        return size;
    }

    /** Column j of the trace (H[:, j] ≈ dw/dβ_j) on the host, in the flat layout; zeros before the first step. */
    public double[] traceColumn(int j) {
        return trace.column(j);
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

    /** How many times restart-ratio restarted the step sizes (0 when it is not set). */
    public long restartCount() {
        return restarts;
    }

    private String fingerprint() {
        return config.text() + " layout=" + layout + " dtype=" + dtype;
    }

    @Override
    public byte[] saveState() {
        StateWriter out = new StateWriter(KIND, FORMAT_VERSION, fingerprint());
        out.writeLong(steps).writeLong(skipped);
        for (Vec v : stateVectors()) {
            out.writeVec(v);
        }
        out.writeDoubles(trace.hostState());
        if (surprise != null) { // only then: the snapshots of every other configuration keep their layout
            double[] s = surprise.state();
            out.writeDoubles(new double[] {s[0], s[1], s[2], restarts});
        }
        return out.toByteArray();
    }

    private List<Vec> stateVectors() {
        List<Vec> all = new ArrayList<>(base.state());
        all.addAll(trace.state());
        all.addAll(stepSizes.state());
        return all;
    }

    @Override
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state, KIND, FORMAT_VERSION, fingerprint());
        long readSteps = in.readLong();
        long readSkipped = in.readLong();
        List<Vec> vectors = stateVectors();
        List<Runnable> copies = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            copies.add(in.readVec(vectors.get(i), "state vector " + i));
        }
        double[] host = in.readDoubles();
        double[] watch = surprise != null ? in.readDoubles() : null;
        if (watch != null && watch.length != 4) {
            throw new IllegalArgumentException("restart-ratio state: " + watch.length + " values, expected 4");
        }
        in.expectEnd(); // everything read and checked: only now change this instance
        copies.forEach(Runnable::run);
        trace.restoreHostState(host);
        stepSizes.restored();
        steps = readSteps;
        skipped = readSkipped;
        if (watch != null) {
            surprise.restore(java.util.Arrays.copyOf(watch, 3));
            restarts = (long) watch[3];
        }
    }

    @Override
    public void close() {
        if (cappedAlpha != null) {
            cappedAlpha.close();
        }
        base.close();
        trace.close();
        stepSizes.close();
        if (backup != null) {
            backup.forEach(Vec::close);
        }
    }
}
