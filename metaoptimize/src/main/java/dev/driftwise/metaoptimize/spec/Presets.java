package dev.driftwise.metaoptimize.spec;

import dev.driftwise.metaoptimize.AlphaTiming;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.MetaOptimizeConfig;
import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.baseline.AutostepConfig;
import dev.driftwise.metaoptimize.baseline.MultiplicativeHypergradientConfig;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The named spellings of optimizer configurations. Every method that is a special case of the
 * MetaOptimize engine is a preset of it (spec §5): a fixed step ({@code sgd(lr=…)}, {@code adam(lr=…)}, …),
 * IDBD, additive hypergradient descent, the paper's configurations, and {@code default}. Only
 * Autostep and the multiplicative hypergradient rule, which the engine cannot express, are classes.
 */
public final class Presets {

    /** A preset: its keys (mapped to metaoptimize keys) and the fixed settings it stands for. */
    private record Preset(String name, Map<String, String> keys, Function<ModelFacts, MetaOptimizeBuilder> start) {}

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();
    private static final Set<String> FIXED = Set.of("sgd", "sgdm", "rmsprop", "adam", "lion");
    private static final List<String> METAOPTIMIZE_KEYS = List.of("base", "adam-form", "rho", "lambda", "c", "kappa",
            "meta", "meta-adam-form", "eta", "meta-rho", "meta-lambda", "meta-c", "alpha0", "gamma", "blocks", "trace",
            "full-trace", "hvp-step", "step-size-map", "alpha-timing", "alpha-min", "alpha-max", "skip-non-finite", "eta-max",
            "eta-growth", "stability-cap", "restart-ratio",
            "restart-alpha");

    static {
        add("default", identityKeys(), DefaultRule::choose);
        add("metaoptimize", identityKeys(), f -> new MetaOptimizeBuilder());
        Map<String, String> fixedKeys = keys("lr", "alpha0", "kappa", "kappa", "skip-non-finite", "skip-non-finite");
        add("sgd", fixedKeys, f -> fixed(BaseAlgorithm.SGD));
        add("sgdm", with(fixedKeys, "rho", "rho"), f -> fixed(BaseAlgorithm.SGDM));
        add("rmsprop", with(fixedKeys, "lambda", "lambda"), f -> fixed(BaseAlgorithm.RMSPROP));
        add("adam", with(with(with(fixedKeys, "rho", "rho"), "lambda", "lambda"), "form", "adam-form"),
                f -> fixed(BaseAlgorithm.ADAM).optAdamForm(AdamForm.STANDARD));
        add("lion", with(with(fixedKeys, "rho", "rho"), "c", "c"), f -> fixed(BaseAlgorithm.LION));
        // IDBD = SGD base, SGD meta (η = θ), per weight, γ = 1, diagonal-Hessian rectified trace, AFTER_META (spec §5.2)
        add("idbd", keys("theta", "eta", "alpha0", "alpha0", "alpha-min", "alpha-min"), f -> new MetaOptimizeBuilder()
                .optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optMetaStepSize(0.005).optInitialStepSize(0.05)
                .optBlocks(StepSizeBlocks.perWeight()).optDiscount(1).optTrace(TraceKind.DIAGONAL_HESSIAN)
                .optAlphaTiming(AlphaTiming.AFTER_META));
        // additive hypergradient descent = σ identity, γ = 0, meta SGD (η = β), AFTER_META (spec §5.4)
        Map<String, String> hdKeys = keys("beta", "eta", "alpha0", "alpha0", "rule", "rule");
        add("sgd-hd", hdKeys, f -> hypergradient(BaseAlgorithm.SGD).optMetaStepSize(0.001));
        add("adam-hd", hdKeys, f -> hypergradient(BaseAlgorithm.ADAM).optAdamForm(AdamForm.STANDARD).optMetaStepSize(1e-7));
        add("autostep", keys("mu", "mu", "tau", "tau", "alpha0", "alpha0"), null);
        // the paper's configurations (spec §6.1, Tables 2–5): untuned small α0, η = 1e-3
        add("paper-adamw-adam", identityKeys(), f -> paper(BaseAlgorithm.ADAM, MetaAlgorithm.ADAM, 1e-6, 1));
        add("paper-adamw-lion", identityKeys(), f -> paper(BaseAlgorithm.ADAM, MetaAlgorithm.LION, 1e-6, 1));
        add("paper-lion-lion", identityKeys(), f -> paper(BaseAlgorithm.LION, MetaAlgorithm.LION, 1e-6, 1));
        add("paper-rmsprop-adam", identityKeys(), f -> paper(BaseAlgorithm.RMSPROP, MetaAlgorithm.ADAM, 1e-6, 1));
        add("paper-sgdm-adam", identityKeys(), f -> paper(BaseAlgorithm.SGDM, MetaAlgorithm.ADAM, 1e-6, 1));
        add("paper-continual", identityKeys(), f -> paper(BaseAlgorithm.ADAM, MetaAlgorithm.ADAM, 1e-4, 0.999));
    }

    private Presets() {}

    private static void add(String name, Map<String, String> keys, Function<ModelFacts, MetaOptimizeBuilder> start) {
        PRESETS.put(name, new Preset(name, keys, start));
    }

    private static Map<String, String> identityKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        METAOPTIMIZE_KEYS.forEach(k -> m.put(k, k));
        return m;
    }

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, String> with(Map<String, String> keys, String key, String target) {
        Map<String, String> m = new LinkedHashMap<>(keys);
        m.put(key, target);
        return m;
    }

    private static MetaOptimizeBuilder fixed(BaseAlgorithm base) {
        return new MetaOptimizeBuilder().optBase(base).optMeta(MetaAlgorithm.FIXED).optTrace(TraceKind.NONE);
    }

    private static MetaOptimizeBuilder hypergradient(BaseAlgorithm base) {
        return new MetaOptimizeBuilder().optBase(base).optMeta(MetaAlgorithm.SGD).optInitialStepSize(0.001)
                .optBlocks(StepSizeBlocks.scalar()).optTrace(TraceKind.HESSIAN_FREE).optDiscount(0)
                .optStepSizeMap(StepSizeMap.IDENTITY).optAlphaTiming(AlphaTiming.AFTER_META);
    }

    private static MetaOptimizeBuilder paper(BaseAlgorithm base, MetaAlgorithm meta, double alpha0, double gamma) {
        return new MetaOptimizeBuilder().optBase(base).optMeta(meta).optWeightDecay(0.1).optInitialStepSize(alpha0)
                .optDiscount(gamma).optMetaStepSize(1e-3);
    }

    /** Every name a spec may start with. */
    public static List<String> names() {
        return new ArrayList<>(PRESETS.keySet());
    }

    static boolean isFixedStep(String name) {
        return FIXED.contains(name);
    }

    static OptimizerConfig resolve(OptimizerSpec spec, ModelFacts facts) {
        Preset preset = PRESETS.get(spec.name());
        String text = spec.source();
        for (String key : spec.settings().keySet()) {
            if (!preset.keys().containsKey(key)) {
                throw new OptimizerSpecException(text, "'" + key + "' is not a setting of " + spec.name() + "; it takes "
                        + String.join(", ", preset.keys().keySet()));
            }
        }
        if (spec.name().equals("autostep")) {
            return AutostepConfig.of(text, spec.settings());
        }
        if (isFixedStep(spec.name()) && !spec.has("lr")) {
            throw new OptimizerSpecException(text, "a fixed step size needs lr=<step size>, e.g. " + spec.name() + "(lr=0.01)");
        }
        String rule = spec.settings().get("rule");
        if (rule != null && !rule.equals("add") && !rule.equals("mult")) {
            throw new OptimizerSpecException(text, "rule=" + rule + " is not add (additive, the default) or mult (multiplicative)");
        }
        if ("mult".equals(rule)) {
            return MultiplicativeHypergradientConfig.of(text, spec.name(), spec.settings());
        }
        if (spec.name().equals("default") && !facts.known()) {
            throw new OptimizerSpecException(text, "default is chosen from the model (its kind, task and size); "
                    + "resolve it where the model is known, or name a concrete optimizer");
        }
        MetaOptimizeBuilder b = preset.start().apply(facts);
        for (Map.Entry<String, String> e : spec.settings().entrySet()) {
            if (!e.getKey().equals("rule")) {
                SettingParser.apply(b, text, preset.keys().get(e.getKey()), e.getKey(), e.getValue());
            }
        }
        try {
            return b.config();
        } catch (IllegalArgumentException e) {
            throw new OptimizerSpecException(text, e.getMessage());
        }
    }

    /**
     * The shortest spelling of {@code c} that parses back to it: a preset with the settings that differ
     * from the preset's own, else {@code metaoptimize(…)} with the settings that differ from its defaults.
     */
    public static String label(MetaOptimizeConfig c) {
        for (Preset p : PRESETS.values()) {
            if (p.start() == null || p.name().equals("default") || p.name().equals("metaoptimize")
                    || p.name().startsWith("paper-")) {
                continue;
            }
            String spelled = spell(p, c);
            if (spelled != null) {
                return spelled;
            }
        }
        String spelled = spell(PRESETS.get("metaoptimize"), c);
        return spelled != null ? spelled : c.text();
    }

    private static String spell(Preset p, MetaOptimizeConfig c) {
        Map<String, String> full = c.settings();
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> k : p.keys().entrySet()) {
            String value = full.get(k.getValue());
            if (value != null) {
                settings.put(k.getKey(), value);
            }
        }
        if (!reproduces(p.name(), settings, c)) {
            return null;
        }
        for (String key : new ArrayList<>(settings.keySet())) {
            String value = settings.remove(key);
            if (!reproduces(p.name(), settings, c)) {
                settings.put(key, value);
            }
        }
        return SpecText.of(p.name(), settings);
    }

    private static boolean reproduces(String name, Map<String, String> settings, MetaOptimizeConfig c) {
        try {
            OptimizerSpec s = OptimizerSpec.parse(SpecText.of(name, settings));
            return c.equals(s.resolve(ModelFacts.NONE));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
