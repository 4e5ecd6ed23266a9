package dev.driftwise.bench.harness.method;

import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.baseline.Autostep;
import dev.driftwise.metaoptimize.baseline.HypergradientAdam;
import dev.driftwise.metaoptimize.baseline.HypergradientRule;
import dev.driftwise.metaoptimize.baseline.HypergradientSgd;
import dev.driftwise.metaoptimize.baseline.Idbd;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.Locale;

/**
 * One step-size method as named on the command line ({@link MethodNames}), with every setting that
 * is not left at its published default. A FIXED method without a step size stands for its whole
 * grid ("best fixed step in hindsight"); {@link #withAlpha0} picks a grid point or, for an adaptive
 * method, its initial step size α0.
 *
 * @param name the name the user typed (canonical family name for aliases such as {@code lms})
 * @param kind the method family
 * @param base base optimizer (FIXED, METAOPTIMIZE; SGD for IDBD, Autostep, SGD-HD; ADAM for Adam-HD)
 * @param meta meta optimizer (METAOPTIMIZE only)
 * @param granularity step-size blocks (METAOPTIMIZE only): scalar, per-tensor or per-weight
 * @param trace trace kind (METAOPTIMIZE only)
 * @param gamma discount γ, or null for the engine's default
 * @param metaStep meta step size (η, θ, μ or β), or null for the method's default
 * @param alpha0 fixed step size (FIXED) or initial step size α0, or null (FIXED: the grid; else the default)
 * @param tau Autostep's time scale τ, or null for 10^4
 * @param rule hypergradient rule (SGD-HD, Adam-HD), or null for additive
 * @param alphaMin floor under every α (METAOPTIMIZE only), or null for none
 */
public record MethodSpec(String name, MethodKind kind, BaseAlgorithm base, MetaAlgorithm meta, String granularity,
                         TraceKind trace, Double gamma, Double metaStep, Double alpha0, Double tau,
                         HypergradientRule rule, Double alphaMin) {

    /** Whether this names a whole fixed-step grid rather than one configuration. */
    public boolean isGrid() {
        return kind == MethodKind.FIXED && alpha0 == null;
    }

    public MethodSpec withAlpha0(double value) {
        return new MethodSpec(name, kind, base, meta, granularity, trace, gamma, metaStep, value, tau, rule, alphaMin);
    }

    public MethodSpec withMetaStep(double value) {
        if (!kind.adaptive()) {
            throw new IllegalArgumentException("method " + name + " has a fixed step size and no meta step size to set");
        }
        return new MethodSpec(name, kind, base, meta, granularity, trace, gamma, value, alpha0, tau, rule, alphaMin);
    }

    MethodSpec withGamma(double value) {
        return new MethodSpec(name, kind, base, meta, granularity, trace, value, metaStep, alpha0, tau, rule, alphaMin);
    }

    MethodSpec withTau(double value) {
        return new MethodSpec(name, kind, base, meta, granularity, trace, gamma, metaStep, alpha0, value, rule, alphaMin);
    }

    MethodSpec withRule(HypergradientRule value) {
        return new MethodSpec(name, kind, base, meta, granularity, trace, gamma, metaStep, alpha0, tau, value, alphaMin);
    }

    MethodSpec withAlphaMin(double value) {
        return new MethodSpec(name, kind, base, meta, granularity, trace, gamma, metaStep, alpha0, tau, rule, value);
    }

    /** The α0 (or fixed α) this configuration runs with. */
    public double effectiveAlpha0() {
        if (alpha0 != null) {
            return alpha0;
        }
        return switch (kind) {
            case FIXED -> throw new IllegalStateException(name + " is a grid; pick a step size with withAlpha0");
            case IDBD -> Idbd.DEFAULT_INITIAL_STEP_SIZE;
            case AUTOSTEP -> Autostep.DEFAULT_INITIAL_STEP_SIZE;
            case SGD_HD -> HypergradientSgd.DEFAULT_INITIAL_STEP_SIZE;
            case ADAM_HD -> HypergradientAdam.DEFAULT_INITIAL_STEP_SIZE;
            case METAOPTIMIZE -> MetaOptimize.builder().config().initialStepSize();
        };
    }

    /** The meta step size this configuration runs with (NaN for FIXED). */
    public double effectiveMetaStep() {
        if (metaStep != null) {
            return metaStep;
        }
        return switch (kind) {
            case FIXED -> Double.NaN;
            case IDBD -> Idbd.DEFAULT_META_STEP_SIZE;
            case AUTOSTEP -> Autostep.DEFAULT_META_STEP_SIZE;
            case SGD_HD -> HypergradientSgd.DEFAULT_HYPERGRADIENT_STEP_SIZE;
            case ADAM_HD -> HypergradientAdam.DEFAULT_HYPERGRADIENT_STEP_SIZE;
            case METAOPTIMIZE -> MetaOptimize.builder().config().metaStepSize();
        };
    }

    /** A label naming this exact configuration, e.g. {@code lms a=0.0078125} or {@code idbd a0=1e-06 theta=0.01}. */
    public String label() {
        StringBuilder sb = new StringBuilder(name);
        if (alpha0 != null && !name.contains("a0=")) {
            sb.append(kind == MethodKind.FIXED ? " a=" : " a0=").append(format(alpha0));
        }
        if (metaStep != null && !name.contains(kind.metaStepName() + "=")) {
            sb.append(' ').append(kind.metaStepName()).append('=').append(format(metaStep));
        }
        return sb.toString();
    }

    static String format(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The learner's optimizer for this configuration. */
    public OptimizerFactory factory() {
        if (isGrid()) {
            throw new IllegalStateException(name + " is a grid of fixed step sizes; pick one with withAlpha0");
        }
        double a0 = effectiveAlpha0();
        double step = effectiveMetaStep();
        String description = label();
        return switch (kind) {
            case FIXED -> OptimizerFactory.of(description, (layout, manager) -> MetaOptimize.builder()
                    .optBase(base).optAdamForm(AdamForm.STANDARD).optMeta(MetaAlgorithm.FIXED).optTrace(TraceKind.NONE)
                    .optInitialStepSize(a0).build(layout, manager)); // NONE: exactly the base optimizer, no trace
            case IDBD -> OptimizerFactory.of(description, (layout, manager) -> Idbd.builder(layout)
                    .optMetaStepSize(step).optInitialStepSize(a0).build()).withDiagonalHessian();
            case AUTOSTEP -> OptimizerFactory.of(description, (layout, manager) -> Autostep.builder(layout)
                    .optMetaStepSize(step).optTimeScale(tau == null ? Autostep.DEFAULT_TIME_SCALE : tau)
                    .optInitialStepSize(a0).build()).withDiagonalHessian();
            case SGD_HD -> OptimizerFactory.of(description, (layout, manager) -> HypergradientSgd.builder(layout)
                    .optInitialStepSize(a0).optHypergradientStepSize(step).optRule(hypergradientRule()).build());
            case ADAM_HD -> OptimizerFactory.of(description, (layout, manager) -> HypergradientAdam.builder(layout)
                    .optInitialStepSize(a0).optHypergradientStepSize(step).optRule(hypergradientRule()).build());
            case METAOPTIMIZE -> {
                OptimizerFactory f = OptimizerFactory.of(description, (layout, manager) -> metaOptimize(a0, step)
                        .build(layout, manager));
                yield trace == TraceKind.DIAGONAL_HESSIAN ? f.withDiagonalHessian() : f;
            }
        };
    }

    private HypergradientRule hypergradientRule() {
        return rule == null ? HypergradientRule.ADDITIVE : rule;
    }

    private MetaOptimizeBuilder metaOptimize(double a0, double eta) {
        MetaOptimizeBuilder b = MetaOptimize.builder().optBase(base).optMeta(meta).optTrace(trace)
                .optInitialStepSize(a0).optMetaStepSize(eta).optBlocks(switch (granularity) {
                    case "scalar" -> StepSizeBlocks.scalar();
                    case "per-tensor" -> StepSizeBlocks.perTensor();
                    default -> StepSizeBlocks.perWeight();
                });
        if (gamma != null) {
            b.optDiscount(gamma);
        }
        if (alphaMin != null) {
            b.optStepSizeBounds(alphaMin, Double.NaN);
        }
        return b;
    }

    /** Lower-case enum name with dashes, as method names spell it. */
    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
