package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.Presets;
import dev.driftwise.metaoptimize.spec.SpecText;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a MetaOptimize instance, resolved (no "use the default" placeholders) and
 * validated by {@link MetaOptimizeBuilder}. Symbols follow the spec: ρ momentum decay, λ
 * second-moment decay, c Lion interpolation, κ weight decay; barred ones belong to the meta optimizer.
 * Its canonical text is {@code metaoptimize(key=value,…)} with the keys of {@link #settings()}.
 *
 * @param alphaMin lower clamp of α (β clamped to ln α_min for σ = exp), or NaN for none
 * @param alphaMax upper clamp of α, or NaN for none
 * @param hvpStep relative finite-difference step δ of the full trace, or NaN for the dtype default
 * @param etaMax largest meta step of the adaptive meta step (Lion meta: η grows by {@code etaGrowth} per step
 *     while the direction of β holds, halves when it flips, within [η, etaMax]), or NaN for the paper's
 *     constant η
 * @param etaGrowth the growth factor of the adaptive meta step (Rprop's 1.2)
 * @param stabilityCap SGD base only: scale every α down so that Σ_i α_i ∂²f/∂w_i² ≤ 1 on each step (the
 *     normalised-LMS / Autostep bound; needs the diagonal Hessian), and keep β there
 * @param restartRatio when the gradient's squared norm (a log average over about ten steps) exceeds this many
 *     times its long-run level (about a thousand steps), raise every α to at least {@code restartAlpha} and
 *     clear the trace: a fresh start after an abrupt drift; NaN for never (the paper)
 * @param restartAlpha the α a restart raises every step size to (α0 unless set); NaN when restartRatio is
 */
public record MetaOptimizeConfig(
        BaseAlgorithm base,
        AdamForm adamForm,
        double momentum,
        double secondMoment,
        double lionInterpolation,
        double weightDecay,
        MetaAlgorithm meta,
        MetaAdamForm metaAdamForm,
        double metaStepSize,
        double metaMomentum,
        double metaSecondMoment,
        double metaLionInterpolation,
        double initialStepSize,
        double discount,
        StepSizeBlocks blocks,
        TraceKind trace,
        FullTraceApproximation fullTraceApproximation,
        double hvpStep,
        StepSizeMap stepSizeMap,
        AlphaTiming alphaTiming,
        double alphaMin,
        double alphaMax,
        boolean skipNonFinite,
        double etaMax,
        double etaGrowth,
        boolean stabilityCap,
        double restartRatio,
        double restartAlpha) implements OptimizerConfig {

    public static final String NAME = "metaoptimize";

    /** Every setting that shapes the updates, in the canonical order; settings the base or meta does not read are left out. */
    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("base", SpecText.id(base));
        if (base == BaseAlgorithm.ADAM) {
            m.put("adam-form", SpecText.id(adamForm));
        }
        if (base == BaseAlgorithm.SGDM || base == BaseAlgorithm.ADAM || base == BaseAlgorithm.LION) {
            m.put("rho", SpecText.number(momentum));
        }
        if (base == BaseAlgorithm.ADAM || base == BaseAlgorithm.RMSPROP) {
            m.put("lambda", SpecText.number(secondMoment));
        }
        if (base == BaseAlgorithm.LION) {
            m.put("c", SpecText.number(lionInterpolation));
        }
        m.put("kappa", SpecText.number(weightDecay));
        m.put("meta", SpecText.id(meta));
        if (meta == MetaAlgorithm.ADAM) {
            m.put("meta-adam-form", SpecText.id(metaAdamForm));
        }
        if (meta != MetaAlgorithm.FIXED) {
            m.put("eta", SpecText.number(metaStepSize));
        }
        if (meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.LION) {
            m.put("meta-rho", SpecText.number(metaMomentum));
        }
        if (meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.RMSPROP) {
            m.put("meta-lambda", SpecText.number(metaSecondMoment));
        }
        if (meta == MetaAlgorithm.LION) {
            m.put("meta-c", SpecText.number(metaLionInterpolation));
            m.put("eta-max", SpecText.number(etaMax));
            if (!Double.isNaN(etaMax)) {
                m.put("eta-growth", SpecText.number(etaGrowth));
            }
        }
        m.put("alpha0", SpecText.number(initialStepSize));
        m.put("gamma", SpecText.number(discount));
        m.put("blocks", blocks.toString());
        m.put("trace", SpecText.id(trace));
        if (trace == TraceKind.FULL) {
            m.put("full-trace", fullTraceApproximation == FullTraceApproximation.L ? "l" : "2x2");
            m.put("hvp-step", Double.isNaN(hvpStep) ? "auto" : SpecText.number(hvpStep));
        }
        m.put("step-size-map", SpecText.id(stepSizeMap));
        m.put("alpha-timing", SpecText.id(alphaTiming));
        m.put("alpha-min", SpecText.number(alphaMin));
        m.put("alpha-max", SpecText.number(alphaMax));
        m.put("skip-non-finite", Boolean.toString(skipNonFinite));
        if (base == BaseAlgorithm.SGD) {
            m.put("stability-cap", Boolean.toString(stabilityCap));
        }
        if (!Double.isNaN(restartRatio)) { // unset, it leaves the text (and snapshots) of earlier configurations as they were
            m.put("restart-ratio", SpecText.number(restartRatio));
            m.put("restart-alpha", SpecText.number(restartAlpha));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String text() {
        return SpecText.of(NAME, settings());
    }

    @Override
    public String label() {
        return Presets.label(this);
    }

    @Override
    public boolean needsDiagonalHessian() {
        return trace == TraceKind.DIAGONAL_HESSIAN || stabilityCap;
    }

    @Override
    public boolean needsGradientFunction() {
        return trace == TraceKind.FULL;
    }

    @Override
    public MetaOptimize build(ParameterLayout layout, Engine engine, DType dtype) {
        return new MetaOptimize(this, layout, engine, dtype);
    }

    /** A builder that starts from every setting of this configuration. */
    public MetaOptimizeBuilder toBuilder() {
        return new MetaOptimizeBuilder().optBase(base).optAdamForm(adamForm).optMomentum(momentum)
                .optSecondMoment(secondMoment).optLionInterpolation(lionInterpolation).optWeightDecay(weightDecay)
                .optMeta(meta).optMetaAdamForm(metaAdamForm).optMetaStepSize(metaStepSize).optMetaMomentum(metaMomentum)
                .optMetaSecondMoment(metaSecondMoment).optMetaLionInterpolation(metaLionInterpolation)
                .optInitialStepSize(initialStepSize).optDiscount(discount).optBlocks(blocks).optTrace(trace)
                .optFullTraceApproximation(fullTraceApproximation).optHvpStep(hvpStep).optStepSizeMap(stepSizeMap)
                .optAlphaTiming(alphaTiming).optStepSizeBounds(alphaMin, alphaMax).optSkipNonFinite(skipNonFinite)
                .optEtaMax(etaMax).optEtaGrowth(etaGrowth).optStabilityCap(stabilityCap).optRestartRatio(restartRatio)
                .optRestartAlpha(restartAlpha);
    }

    @Override
    public String toString() {
        return text();
    }
}
