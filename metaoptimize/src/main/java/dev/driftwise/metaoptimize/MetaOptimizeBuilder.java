package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import java.util.Objects;

/**
 * Builds {@link MetaOptimize}. Every setting is optional ({@code optX}); defaults are the paper's
 * (spec §6.1) except the discount γ = 0.999 (the paper's continual-learning value; γ = 1 makes the
 * Hessian-free trace an undiscounted sum of all past updates, which fails on drifting streams,
 * see docs/benchmarks.md). These are the defaults of every key a {@code metaoptimize(…)} spec leaves
 * out. Settings are checked in {@link #config()}: an error names the setting, the value and the
 * allowed range.
 */
public final class MetaOptimizeBuilder {

    private BaseAlgorithm base = BaseAlgorithm.ADAM;
    private AdamForm adamForm = AdamForm.CODE;
    private Double momentum;
    private double secondMoment = 0.999;
    private double lionInterpolation = 0.9;
    private double weightDecay;
    private MetaAlgorithm meta = MetaAlgorithm.LION;
    private MetaAdamForm metaAdamForm = MetaAdamForm.CODE;
    private double metaStepSize = 1e-3;
    private Double metaMomentum;
    private double metaSecondMoment = 0.999;
    private double metaLionInterpolation = 0.9;
    private double initialStepSize = 1e-4;
    private double discount = 0.999;
    private StepSizeBlocks blocks = StepSizeBlocks.scalar();
    private TraceKind trace = TraceKind.HESSIAN_FREE;
    private FullTraceApproximation fullTraceApproximation = FullTraceApproximation.L;
    private double hvpStep = Double.NaN;
    private StepSizeMap stepSizeMap = StepSizeMap.EXP;
    private AlphaTiming alphaTiming = AlphaTiming.BEFORE_META;
    private double alphaMin = Double.NaN;
    private double alphaMax = Double.NaN;
    private boolean skipNonFinite;
    private double etaMax = Double.NaN;
    private double etaGrowth = 1.2;
    private boolean stabilityCap;
    private double restartRatio = Double.NaN;
    private double restartAlpha = Double.NaN;

    public MetaOptimizeBuilder() {}

    /** Base optimizer (default ADAM; AdamW = ADAM with weight decay). */
    public MetaOptimizeBuilder optBase(BaseAlgorithm base) {
        this.base = Objects.requireNonNull(base, "base");
        return this;
    }

    /** Adam form (default CODE: the paper's code, effective step up to α/(1−ρ); see {@link AdamForm}). */
    public MetaOptimizeBuilder optAdamForm(AdamForm form) {
        this.adamForm = Objects.requireNonNull(form, "adamForm");
        return this;
    }

    /** ρ: base momentum decay (default 0.9 for SGDm and Adam, 0.99 for Lion). */
    public MetaOptimizeBuilder optMomentum(double rho) {
        this.momentum = rho;
        return this;
    }

    /** λ: base second-moment decay for Adam and RMSProp (default 0.999). */
    public MetaOptimizeBuilder optSecondMoment(double lambda) {
        this.secondMoment = lambda;
        return this;
    }

    /** c: Lion interpolation weight (default 0.9). */
    public MetaOptimizeBuilder optLionInterpolation(double c) {
        this.lionInterpolation = c;
        return this;
    }

    /** κ: decoupled weight decay, multiplied by the learned α (default 0). */
    public MetaOptimizeBuilder optWeightDecay(double kappa) {
        this.weightDecay = kappa;
        return this;
    }

    /** Meta optimizer on β (default LION). */
    public MetaOptimizeBuilder optMeta(MetaAlgorithm meta) {
        this.meta = Objects.requireNonNull(meta, "meta");
        return this;
    }

    public MetaOptimizeBuilder optMetaAdamForm(MetaAdamForm form) {
        this.metaAdamForm = Objects.requireNonNull(form, "metaAdamForm");
        return this;
    }

    /** η: meta step size (default 1e-3). */
    public MetaOptimizeBuilder optMetaStepSize(double eta) {
        this.metaStepSize = eta;
        return this;
    }

    /** ρ̄: meta momentum decay (default 0.99 for Lion, 0.9 for Adam). */
    public MetaOptimizeBuilder optMetaMomentum(double rho) {
        this.metaMomentum = rho;
        return this;
    }

    /** λ̄: meta second-moment decay (default 0.999). */
    public MetaOptimizeBuilder optMetaSecondMoment(double lambda) {
        this.metaSecondMoment = lambda;
        return this;
    }

    /** c̄: meta Lion interpolation (default 0.9). */
    public MetaOptimizeBuilder optMetaLionInterpolation(double c) {
        this.metaLionInterpolation = c;
        return this;
    }

    /** α0: initial step size of every block (default 1e-4); β_0 = σ⁻¹(α0). */
    public MetaOptimizeBuilder optInitialStepSize(double alpha0) {
        this.initialStepSize = alpha0;
        return this;
    }

    /** γ ∈ [0, 1]: discount of the meta objective (default 0.999). */
    public MetaOptimizeBuilder optDiscount(double gamma) {
        this.discount = gamma;
        return this;
    }

    /** Step-size granularity (default scalar). */
    public MetaOptimizeBuilder optBlocks(StepSizeBlocks blocks) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        return this;
    }

    /** Trace (default HESSIAN_FREE). */
    public MetaOptimizeBuilder optTrace(TraceKind trace) {
        this.trace = Objects.requireNonNull(trace, "trace");
        return this;
    }

    /** L (default) or 2×2 approximation of the full trace. */
    public MetaOptimizeBuilder optFullTraceApproximation(FullTraceApproximation approximation) {
        this.fullTraceApproximation = Objects.requireNonNull(approximation, "fullTraceApproximation");
        return this;
    }

    /** δ: relative finite-difference step for Hessian-vector products (default NaN: 1e-6 float64, 3e-3 float32). */
    public MetaOptimizeBuilder optHvpStep(double delta) {
        this.hvpStep = delta;
        return this;
    }

    /** σ (default EXP). */
    public MetaOptimizeBuilder optStepSizeMap(StepSizeMap map) {
        this.stepSizeMap = Objects.requireNonNull(map, "stepSizeMap");
        return this;
    }

    /** α timing (default BEFORE_META, as {@code HF.py}). */
    public MetaOptimizeBuilder optAlphaTiming(AlphaTiming timing) {
        this.alphaTiming = Objects.requireNonNull(timing, "alphaTiming");
        return this;
    }

    /**
     * Safeguard (off by default): keep every α in [min, max] by clamping β after each meta step. An α0
     * outside the range starts there and can only move towards it; once inside, α stays inside (so a
     * floor above α0 engages when α first reaches it).
     */
    public MetaOptimizeBuilder optStepSizeBounds(double min, double max) {
        this.alphaMin = min;
        this.alphaMax = max;
        return this;
    }

    /** Safeguard: the floor of {@link #optStepSizeBounds} alone (NaN: none). */
    public MetaOptimizeBuilder optAlphaMin(double min) {
        this.alphaMin = min;
        return this;
    }

    /** Safeguard: the ceiling of {@link #optStepSizeBounds} alone (NaN: none). */
    public MetaOptimizeBuilder optAlphaMax(double max) {
        this.alphaMax = max;
        return this;
    }

    /** Safeguard (off by default): skip a step entirely when a gradient or an update is not finite. */
    public MetaOptimizeBuilder optSkipNonFinite(boolean skip) {
        this.skipNonFinite = skip;
        return this;
    }

    /**
     * Lion meta: an adaptive meta step up to {@code max} (NaN, the default: the paper's constant η). Per step-size
     * block, η grows by the growth factor ({@link #optEtaGrowth}) while β keeps moving the same way and the current
     * meta-gradient agrees, and halves when the direction flips, between the configured η and {@code max} (Rprop's
     * rule on Lion's direction): α crosses decades within a few hundred samples after a poor α0 or an abrupt
     * drift, then settles.
     */
    public MetaOptimizeBuilder optEtaMax(double max) {
        this.etaMax = max;
        return this;
    }

    /** The growth factor of the adaptive meta step (default 1.2). */
    public MetaOptimizeBuilder optEtaGrowth(double growth) {
        this.etaGrowth = growth;
        return this;
    }

    /**
     * SGD base: keep Σ_i α_i ∂²f/∂w_i² ≤ 1 on every step (the step's α scaled down when the sum would exceed
     * it; β itself is left alone): the normalised-LMS / Autostep bound that no step overshoots the current sample's minimum, so a
     * large α cannot diverge. Needs the diagonal Hessian of the loss (one-layer models). Off by default.
     */
    public MetaOptimizeBuilder optStabilityCap(boolean cap) {
        this.stabilityCap = cap;
        return this;
    }

    /**
     * Restart the step sizes after an abrupt drift (NaN, the default: never, as in the paper): when the gradient's
     * squared norm, averaged in log over about ten steps, exceeds {@code ratio} times its average over about a
     * thousand, every α is raised to at least the restart α ({@link #optRestartAlpha}) and the trace is cleared.
     * The default uses 100.
     */
    public MetaOptimizeBuilder optRestartRatio(double ratio) {
        this.restartRatio = ratio;
        return this;
    }

    /** The α a restart raises every step size to (NaN, the default: α0). */
    public MetaOptimizeBuilder optRestartAlpha(double alpha) {
        this.restartAlpha = alpha;
        return this;
    }

    /** The validated configuration. */
    public MetaOptimizeConfig config() {
        double rho = momentum != null ? momentum : base == BaseAlgorithm.LION ? 0.99 : 0.9;
        double metaRho = metaMomentum != null ? metaMomentum : meta == MetaAlgorithm.LION ? 0.99 : 0.9;
        unitOpen("momentum (ρ)", rho);
        unitOpen("secondMoment (λ)", secondMoment);
        unitClosed("lionInterpolation (c)", lionInterpolation);
        nonNegative("weightDecay (κ)", weightDecay);
        nonNegative("metaStepSize (η)", metaStepSize);
        unitOpen("metaMomentum (ρ̄)", metaRho);
        unitOpen("metaSecondMoment (λ̄)", metaSecondMoment);
        unitClosed("metaLionInterpolation (c̄)", metaLionInterpolation);
        unitClosed("discount (γ)", discount);
        if (!(initialStepSize > 0) || Double.isInfinite(initialStepSize)) {
            throw bad("initialStepSize (α0)", initialStepSize, "a finite number > 0");
        }
        if (!Double.isNaN(hvpStep) && !(hvpStep > 0 && hvpStep < 1)) {
            throw bad("hvpStep (δ)", hvpStep, "(0, 1), or NaN for the dtype default");
        }
        checkBounds();
        checkTrace();
        checkAdaptiveMetaStep();
        if (!Double.isNaN(restartRatio) && !(restartRatio > 1 && restartRatio < Double.POSITIVE_INFINITY)) {
            throw bad("restart-ratio (gradient-energy jump that restarts α)", restartRatio, "a finite number > 1, e.g. 100, or none");
        }
        boolean restarts = meta != MetaAlgorithm.FIXED && !Double.isNaN(restartRatio);
        double restartTo = Double.isNaN(restartAlpha) ? initialStepSize : restartAlpha;
        if (restarts && !(restartTo > (stepSizeMap == StepSizeMap.EXP ? 0 : -Double.MAX_VALUE) && restartTo < Double.POSITIVE_INFINITY)) {
            throw bad("restart-alpha (the α a restart raises step sizes to)", restartTo, "a finite number > 0");
        }
        if (stabilityCap && base != BaseAlgorithm.SGD) {
            throw new IllegalArgumentException("stability-cap bounds Σ α ∂²f/∂w² for plain SGD steps; base " + base
                    + " scales its steps itself: use base sgd or drop stability-cap");
        }
        // settings the chosen base, meta or trace never reads take their defaults, so that two configurations
        // that run the same updates are equal (and have one spelling)
        MetaOptimizeBuilder d = new MetaOptimizeBuilder();
        boolean adamBase = base == BaseAlgorithm.ADAM;
        boolean momentumBase = base == BaseAlgorithm.SGDM || adamBase || base == BaseAlgorithm.LION;
        boolean secondMomentBase = adamBase || base == BaseAlgorithm.RMSPROP;
        boolean adapts = meta != MetaAlgorithm.FIXED;
        boolean momentumMeta = meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.LION;
        boolean secondMomentMeta = meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.RMSPROP;
        boolean full = trace == TraceKind.FULL;
        return new MetaOptimizeConfig(base, adamBase ? adamForm : d.adamForm, momentumBase ? rho : 0.9,
                secondMomentBase ? secondMoment : d.secondMoment,
                base == BaseAlgorithm.LION ? lionInterpolation : d.lionInterpolation, weightDecay, meta,
                meta == MetaAlgorithm.ADAM ? metaAdamForm : d.metaAdamForm, adapts ? metaStepSize : d.metaStepSize,
                momentumMeta ? metaRho : 0.9, secondMomentMeta ? metaSecondMoment : d.metaSecondMoment,
                meta == MetaAlgorithm.LION ? metaLionInterpolation : d.metaLionInterpolation, initialStepSize,
                discount, blocks, trace, full ? fullTraceApproximation : d.fullTraceApproximation,
                full ? hvpStep : d.hvpStep, stepSizeMap, alphaTiming, alphaMin, alphaMax, skipNonFinite,
                meta == MetaAlgorithm.LION ? etaMax : d.etaMax,
                meta == MetaAlgorithm.LION && !Double.isNaN(etaMax) ? etaGrowth : d.etaGrowth, stabilityCap,
                restarts ? restartRatio : d.restartRatio, restarts ? restartTo : d.restartAlpha);
    }

    private void checkBounds() {
        double floor = stepSizeMap == StepSizeMap.EXP ? 0 : -Double.MAX_VALUE;
        if (!Double.isNaN(alphaMin) && !(alphaMin > floor && alphaMin < Double.POSITIVE_INFINITY)) {
            throw bad("stepSizeBounds min (α_min)", alphaMin, stepSizeMap == StepSizeMap.EXP
                    ? "a finite number > 0 (σ = exp), or NaN for none" : "a finite number, or NaN for none");
        }
        if (!Double.isNaN(alphaMax) && !(alphaMax > floor && alphaMax < Double.POSITIVE_INFINITY)) {
            throw bad("stepSizeBounds max (α_max)", alphaMax, "a finite number > 0, or NaN for none");
        }
        if (!Double.isNaN(alphaMin) && !Double.isNaN(alphaMax) && !(alphaMin < alphaMax)) {
            throw new IllegalArgumentException("stepSizeBounds: min " + alphaMin + " must be below max " + alphaMax);
        }
    }

    private void checkAdaptiveMetaStep() {
        if (Double.isNaN(etaMax)) {
            return;
        }
        if (meta != MetaAlgorithm.LION) {
            throw new IllegalArgumentException("eta-max (the adaptive meta step) grows Lion's fixed-size meta step; meta "
                    + meta + " has its own step scale: use meta lion or eta-max=none");
        }
        if (!(etaMax >= metaStepSize) || Double.isInfinite(etaMax)) {
            throw bad("eta-max (largest adaptive meta step)", etaMax, "a finite number ≥ eta = " + metaStepSize);
        }
        if (!(etaGrowth > 1) || Double.isInfinite(etaGrowth)) {
            throw bad("eta-growth (adaptive meta step growth)", etaGrowth, "a finite number > 1, e.g. 1.2");
        }
    }

    private void checkTrace() {
        if (trace == TraceKind.NONE && meta != MetaAlgorithm.FIXED) {
            throw new IllegalArgumentException("trace NONE computes no meta-gradient, so meta must be FIXED (got " + meta
                    + "); pick a trace, e.g. HESSIAN_FREE");
        }
        if (trace != TraceKind.FULL) {
            return;
        }
        if (base == BaseAlgorithm.RMSPROP) {
            throw new IllegalArgumentException("trace FULL is implemented for base SGD, SGDM, ADAM and LION, not RMSPROP; "
                    + "use trace HESSIAN_FREE for RMSProp");
        }
        if (blocks.kind() == StepSizeBlocks.Kind.PER_WEIGHT) {
            throw new IllegalArgumentException("trace FULL with blocks per-weight needs one trace column and one "
                    + "Hessian-vector product per weight and step (spec §8.13); use scalar, per-tensor or explicit blocks, "
                    + "or trace DIAGONAL_HESSIAN / HESSIAN_FREE");
        }
        if (fullTraceApproximation == FullTraceApproximation.TWO_BY_TWO
                && (meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.RMSPROP)) {
            throw new IllegalArgumentException("fullTraceApproximation TWO_BY_TWO carries Y only for meta SGD (and is L "
                    + "for LION and FIXED); meta " + meta + " has moment states whose Y rows are not derived; use L");
        }
    }

    private static void unitOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw bad(name, v, "[0, 1)");
        }
    }

    private static void unitClosed(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw bad(name, v, "[0, 1]");
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(name, v, "a finite number ≥ 0");
        }
    }

    private static IllegalArgumentException bad(String name, double value, String range) {
        return new IllegalArgumentException(name + " = " + value + " is out of range: must be " + range);
    }

    /** Builds an optimizer for {@code layout} whose state lives on {@code engine} in the parameters' {@code dtype}. */
    public MetaOptimize build(ParameterLayout layout, Engine engine, DType dtype) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(engine, "engine");
        return new MetaOptimize(config(), layout, engine, dtype);
    }
}
