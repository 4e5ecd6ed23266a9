package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a MetaOptimize instance, resolved (no "use the default" placeholders) and
 * validated by {@link MetaOptimize.Builder}. Symbols follow the spec: ρ momentum decay, λ
 * second-moment decay, c Lion interpolation, κ weight decay; barred ones belong to the meta optimizer.
 *
 * @param alphaMin lower clamp of α (β clamped to ln α_min for σ = exp), or NaN for none
 * @param alphaMax upper clamp of α, or NaN for none
 * @param hvpStep relative finite-difference step δ of the full trace, or NaN for the dtype default
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
        boolean skipNonFinite) {

    /** e.g. {@code metaoptimize(adamw,lion,scalar,hessian-free)}. */
    public String name() {
        String baseName = switch (base) {
            case ADAM -> weightDecay > 0 ? "adamw" : "adam";
            default -> base.name().toLowerCase();
        };
        return "metaoptimize(" + baseName + "," + meta.name().toLowerCase() + "," + blocks.kind().name().toLowerCase()
                .replace('_', '-') + "," + trace.name().toLowerCase().replace('_', '-') + ")";
    }

    /** Every hyper-parameter, in a fixed order, as the optimizer's provenance. */
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("base", base.name());
        if (base == BaseAlgorithm.ADAM) {
            m.put("adamForm", adamForm.name());
        }
        if (base == BaseAlgorithm.SGDM || base == BaseAlgorithm.ADAM || base == BaseAlgorithm.LION) {
            m.put("momentum", Double.toString(momentum));
        }
        if (base == BaseAlgorithm.ADAM || base == BaseAlgorithm.RMSPROP) {
            m.put("secondMoment", Double.toString(secondMoment));
        }
        if (base == BaseAlgorithm.LION) {
            m.put("lionInterpolation", Double.toString(lionInterpolation));
        }
        m.put("weightDecay", Double.toString(weightDecay));
        m.put("meta", meta.name());
        if (meta == MetaAlgorithm.ADAM) {
            m.put("metaAdamForm", metaAdamForm.name());
        }
        if (meta != MetaAlgorithm.FIXED) {
            m.put("metaStepSize", Double.toString(metaStepSize));
        }
        if (meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.LION) {
            m.put("metaMomentum", Double.toString(metaMomentum));
        }
        if (meta == MetaAlgorithm.ADAM || meta == MetaAlgorithm.RMSPROP) {
            m.put("metaSecondMoment", Double.toString(metaSecondMoment));
        }
        if (meta == MetaAlgorithm.LION) {
            m.put("metaLionInterpolation", Double.toString(metaLionInterpolation));
        }
        m.put("initialStepSize", Double.toString(initialStepSize));
        m.put("discount", Double.toString(discount));
        m.put("blocks", blocks.toString());
        m.put("trace", trace.name());
        if (trace == TraceKind.FULL) {
            m.put("fullTraceApproximation", fullTraceApproximation.name());
            m.put("hvpStep", Double.toString(hvpStep));
        }
        m.put("stepSizeMap", stepSizeMap.name());
        m.put("alphaTiming", alphaTiming.name());
        m.put("alphaMin", Double.toString(alphaMin));
        m.put("alphaMax", Double.toString(alphaMax));
        m.put("skipNonFinite", Boolean.toString(skipNonFinite));
        return m;
    }

    public OptimizerSpec spec() {
        return new OptimizerSpec(name(), hyperParameters());
    }
}
