package dev.driftwise.metaoptimize.spec;

import dev.driftwise.metaoptimize.AlphaTiming;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one {@code metaoptimize(…)} setting into the builder; a bad value names the key, the value and the choices. */
final class SettingParser {

    private SettingParser() {}

    /**
     * @param key the metaoptimize key the setting sets
     * @param shown the key as the user wrote it (a preset's {@code lr} sets {@code alpha0}): errors name this one
     */
    static void apply(MetaOptimizeBuilder b, String spec, String key, String shown, String value) {
        try {
            apply(b, spec, key, value);
        } catch (OptimizerSpecException e) {
            if (shown.equals(key)) {
                throw e;
            }
            throw new OptimizerSpecException(spec, e.getMessage().substring(e.getMessage().indexOf("': ") + 3)
                    .replace(key + "=", shown + "=").replace("e.g. " + key, "e.g. " + shown));
        }
    }

    private static void apply(MetaOptimizeBuilder b, String spec, String key, String value) {
        switch (key) {
            case "base" -> b.optBase(choose(spec, key, value, BaseAlgorithm.values()));
            case "adam-form" -> b.optAdamForm(choose(spec, key, value, AdamForm.values()));
            case "rho" -> b.optMomentum(number(spec, key, value));
            case "lambda" -> b.optSecondMoment(number(spec, key, value));
            case "c" -> b.optLionInterpolation(number(spec, key, value));
            case "kappa" -> b.optWeightDecay(number(spec, key, value));
            case "meta" -> b.optMeta(choose(spec, key, value, MetaAlgorithm.values()));
            case "meta-adam-form" -> b.optMetaAdamForm(choose(spec, key, value, MetaAdamForm.values()));
            case "eta" -> b.optMetaStepSize(number(spec, key, value));
            case "meta-rho" -> b.optMetaMomentum(number(spec, key, value));
            case "meta-lambda" -> b.optMetaSecondMoment(number(spec, key, value));
            case "meta-c" -> b.optMetaLionInterpolation(number(spec, key, value));
            case "alpha0" -> b.optInitialStepSize(number(spec, key, value));
            case "gamma" -> b.optDiscount(number(spec, key, value));
            case "blocks" -> b.optBlocks(blocks(spec, value));
            case "trace" -> b.optTrace(choose(spec, key, value, TraceKind.values()));
            case "full-trace" -> b.optFullTraceApproximation(switch (value) {
                case "l" -> FullTraceApproximation.L;
                case "2x2" -> FullTraceApproximation.TWO_BY_TWO;
                default -> throw new OptimizerSpecException(spec, "full-trace=" + value + " is not l or 2x2");
            });
            case "hvp-step" -> b.optHvpStep(value.equals("auto") ? Double.NaN : number(spec, key, value));
            case "step-size-map" -> b.optStepSizeMap(choose(spec, key, value, StepSizeMap.values()));
            case "alpha-timing" -> b.optAlphaTiming(choose(spec, key, value, AlphaTiming.values()));
            case "alpha-min" -> b.optAlphaMin(bound(spec, key, value));
            case "alpha-max" -> b.optAlphaMax(bound(spec, key, value));
            case "skip-non-finite" -> b.optSkipNonFinite(bool(spec, key, value));
            case "eta-max" -> b.optEtaMax(bound(spec, key, value));
            case "eta-growth" -> b.optEtaGrowth(number(spec, key, value));
            case "stability-cap" -> b.optStabilityCap(bool(spec, key, value));
            case "restart-ratio" -> b.optRestartRatio(bound(spec, key, value));
            case "restart-alpha" -> b.optRestartAlpha(number(spec, key, value));
            default -> throw new OptimizerSpecException(spec, "unknown setting '" + key + "'");
        }
    }

    private static double number(String spec, String key, String value) {
        try {
            double v = Double.parseDouble(value);
            if (!Double.isNaN(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new OptimizerSpecException(spec, key + "=" + value + " is not a number; e.g. " + key + "=0.001");
    }

    private static double bound(String spec, String key, String value) {
        return value.equals("none") ? Double.NaN : number(spec, key, value);
    }

    private static boolean bool(String spec, String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new OptimizerSpecException(spec, key + "=" + value + " is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static <E extends Enum<E>> E choose(String spec, String key, String value, E[] values) {
        for (E e : values) {
            if (SpecText.id(e).equals(value)) {
                return e;
            }
        }
        List<String> ids = new ArrayList<>();
        for (E e : values) {
            ids.add(SpecText.id(e));
        }
        throw new OptimizerSpecException(spec, key + "=" + value + " is not one of " + String.join(", ", ids));
    }

    /** scalar, per-tensor, per-layer, per-weight, or explicit {@code (name:pattern+pattern;name:pattern)}. */
    private static StepSizeBlocks blocks(String spec, String value) {
        switch (value) {
            case "scalar":
                return StepSizeBlocks.scalar();
            case "per-tensor":
                return StepSizeBlocks.perTensor();
            case "per-layer":
                return StepSizeBlocks.perLayer();
            case "per-weight":
                return StepSizeBlocks.perWeight();
            default:
                break;
        }
        if (!value.startsWith("(") || !value.endsWith(")") || value.length() < 3) {
            throw new OptimizerSpecException(spec, "blocks=" + value + " is not scalar, per-tensor, per-layer, per-weight "
                    + "or explicit blocks such as (body:layer0.*+layer1.*;head:layer2.*)");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String group : value.substring(1, value.length() - 1).split(";")) {
            int colon = group.indexOf(':');
            if (colon <= 0 || colon == group.length() - 1) {
                throw new OptimizerSpecException(spec, "block '" + group + "' is not name:pattern+pattern");
            }
            groups.put(group.substring(0, colon), Arrays.asList(group.substring(colon + 1).split("\\+")));
        }
        return StepSizeBlocks.explicit(groups);
    }
}
