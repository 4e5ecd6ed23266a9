package dev.driftwise.jobs.learn;

import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --optimizer} text: {@code metaoptimize(base=adam, meta=lion, blocks=per-layer, alpha0=1e-4,
 * eta=1e-3, gamma=0.999, trace=hessian-free, alpha-min=1e-5)} or a fixed step {@code sgd(lr=0.01)}. Every metaoptimize
 * setting is optional; an omitted one takes the stream default ({@link #STREAM_DEFAULT}, chosen on the
 * drift benchmarks: docs/benchmarks.md, "Stream default"), so {@code metaoptimize(base=sgd)} changes the
 * base and nothing else. The effective settings, normalised, are the optimizer's recorded description.
 */
public final class OptimizerConfig {

    private static final String ALLOWED = "metaoptimize(base=sgd|sgdm|rmsprop|adam|lion, meta=fixed|sgd|rmsprop|adam|lion,"
            + " blocks=scalar|per-tensor|per-layer|per-weight, alpha0=<initial step size>, eta=<meta step size>,"
            + " gamma=<trace discount>, kappa=<weight decay>, trace=none|hessian-free|diagonal-hessian|full,"
            + " alpha-min=<floor on every step size, or none>, alpha-max=<ceiling, or none>) or sgd(lr=<step size>)";

    /**
     * The stream default: Adam (code form) wrapped by a Lion meta update, one step size for the whole
     * model, α0 = 1e-3, η = 1e-3, γ = 0.999, Hessian-free trace, and a floor α ≥ 3e-5 so that a long
     * stationary stretch cannot anneal α so far that the climb back after the next drift takes tens of
     * thousands of samples (docs/benchmarks.md, "Stream default" and "A floor under α").
     */
    public static final Map<String, String> STREAM_DEFAULT = streamDefault();

    private OptimizerConfig() {}

    private static Map<String, String> streamDefault() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("base", "adam");
        d.put("meta", "lion");
        d.put("blocks", "scalar");
        d.put("alpha0", "1e-3");
        d.put("eta", "1e-3");
        d.put("gamma", "0.999");
        d.put("trace", "hessian-free");
        d.put("alpha-min", "3e-5"); // an alpha0 below it starts there; the floor engages once α reaches it
        return Collections.unmodifiableMap(d);
    }

    /** Checks the text and builds the factory for a model of {@code spec} (per-layer blocks need the spec). */
    public static OptimizerFactory parse(String text, ModelSpec spec) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        int open = t.indexOf('(');
        String name = open < 0 ? t : t.substring(0, open);
        if (open >= 0 && !t.endsWith(")")) {
            throw new OptionException("optimizer", text, "missing ')'; allowed: " + ALLOWED);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        String inside = open < 0 ? "" : t.substring(open + 1, t.length() - 1);
        for (String part : inside.isEmpty() ? new String[0] : inside.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[1].isEmpty()) {
                throw new OptionException("optimizer", text, "'" + part + "' is not key=value; allowed: " + ALLOWED);
            }
            settings.put(kv[0], kv[1]);
        }
        MetaOptimizeBuilder b = MetaOptimize.builder();
        switch (name) {
            case "sgd" -> {
                double lr = number(text, settings, "lr", Double.NaN);
                if (!(lr > 0) || settings.size() != 1) {
                    throw new OptionException("optimizer", text, "sgd needs exactly lr=<positive step size>, e.g. sgd(lr=0.01)");
                }
                b.optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.FIXED).optTrace(TraceKind.NONE).optInitialStepSize(lr);
            }
            case "metaoptimize" -> {
                Map<String, String> effective = new LinkedHashMap<>(STREAM_DEFAULT);
                effective.putAll(settings);
                settings = effective;
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    apply(b, text, e.getKey(), e.getValue(), spec);
                }
                double min = bound(text, settings, "alpha-min");
                double max = bound(text, settings, "alpha-max");
                if (!Double.isNaN(min) || !Double.isNaN(max)) {
                    b.optStepSizeBounds(min, max);
                }
            }
            default -> throw new OptionException("optimizer", text, "unknown optimizer '" + name + "'; allowed: " + ALLOWED);
        }
        try {
            b.config(); // every range check of the engine, with its message
        } catch (IllegalArgumentException e) {
            throw new OptionException("optimizer", text, e.getMessage());
        }
        String description = name + settings.toString().replace('{', '(').replace('}', ')').replace(" ", "");
        boolean diagonal = "diagonal-hessian".equals(settings.get("trace"));
        OptimizerFactory f = OptimizerFactory.of(description, b::build);
        return diagonal ? f.withDiagonalHessian() : f;
    }

    private static void apply(MetaOptimizeBuilder b, String text, String key, String value, ModelSpec spec) {
        try {
            switch (key) {
                case "base" -> b.optBase(BaseAlgorithm.valueOf(value.toUpperCase(Locale.ROOT)));
                case "meta" -> b.optMeta(MetaAlgorithm.valueOf(value.toUpperCase(Locale.ROOT)));
                case "alpha0" -> b.optInitialStepSize(Double.parseDouble(value));
                case "eta" -> b.optMetaStepSize(Double.parseDouble(value));
                case "gamma" -> b.optDiscount(Double.parseDouble(value));
                case "kappa" -> b.optWeightDecay(Double.parseDouble(value));
                case "alpha-min", "alpha-max" -> { } // both at once, after the loop
                case "trace" -> b.optTrace(TraceKind.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')));
                case "blocks" -> b.optBlocks(switch (value) {
                    case "scalar" -> StepSizeBlocks.scalar();
                    case "per-tensor" -> StepSizeBlocks.perTensor();
                    case "per-layer" -> StepSizeBlocks.explicit(spec.layerBlocks());
                    case "per-weight" -> StepSizeBlocks.perWeight();
                    default -> throw new IllegalArgumentException(value);
                });
                default -> throw new OptionException("optimizer", text, "unknown setting '" + key + "'; allowed: " + ALLOWED);
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof OptionException o) {
                throw o;
            }
            throw new OptionException("optimizer", text, "bad value " + key + "=" + value + "; allowed: " + ALLOWED);
        }
    }

    /** A step-size bound: a number, or {@code none} (and absent) for no bound. */
    private static double bound(String text, Map<String, String> settings, String key) {
        return "none".equals(settings.get(key)) ? Double.NaN : number(text, settings, key, Double.NaN);
    }

    private static double number(String text, Map<String, String> settings, String key, double fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new OptionException("optimizer", text, key + "=" + v + " is not a number");
        }
    }
}
