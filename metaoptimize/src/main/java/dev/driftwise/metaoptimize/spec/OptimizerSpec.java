package dev.driftwise.metaoptimize.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An optimizer spec as written: {@code name(key=value,…)}, e.g. {@code default},
 * {@code adam(lr=0.001)}, {@code idbd(theta=0.01)} or
 * {@code metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9)}. The one spelling of an
 * optimizer configuration in every entry point and snapshot. {@link #resolve} applies the preset
 * and the defaults; {@link OptimizerConfig#text()} writes the result back, every setting explicit.
 * Old spellings (the bench's {@code mo:adam/lion/scalar/hf}, {@code lms}, {@code fixed:adam/a=…},
 * {@code idbd/theta=…}, positional provenance) are refused with the new spelling in the message.
 */
public final class OptimizerSpec {

    private final String source;
    private final String name;
    private final Map<String, String> settings;

    private OptimizerSpec(String source, String name, Map<String, String> settings) {
        this.source = source;
        this.name = name;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * @throws OptimizerSpecException when the text is not {@code name(key=value,…)}, names no known
     *     optimizer, repeats a key, or uses an old spelling (the message shows the new one)
     */
    public static OptimizerSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new OptimizerSpecException(String.valueOf(text), "empty; give a name such as default, adam(lr=0.001) or "
                    + "idbd(theta=0.01) (" + String.join(", ", Presets.names()) + ")");
        }
        String t = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        OldSpellings.refuse(text, t);
        int open = t.indexOf('(');
        String name = open < 0 ? t : t.substring(0, open);
        if (open >= 0 && !t.endsWith(")")) {
            throw new OptimizerSpecException(text, "missing ')' at the end");
        }
        if (!Presets.names().contains(name)) {
            throw new OptimizerSpecException(text, "unknown optimizer '" + name + "'; one of " + String.join(", ", Presets.names()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (open >= 0) {
            for (String part : splitTopLevel(text, t.substring(open + 1, t.length() - 1))) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new OptimizerSpecException(text, "'" + part + "' is not key=value, e.g. " + name + "(alpha0=0.001)");
                }
                String key = part.substring(0, eq);
                if (settings.put(key, part.substring(eq + 1)) != null) {
                    throw new OptimizerSpecException(text, "'" + key + "' is given twice");
                }
            }
        }
        return new OptimizerSpec(text.trim(), name, settings);
    }

    /** Splits on commas outside parentheses (explicit blocks are written {@code blocks=(a:x+y;b:z)}). */
    private static java.util.List<String> splitTopLevel(String text, String inside) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char ch = inside.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(inside.substring(start, i));
                start = i + 1;
            }
            if (depth < 0) {
                throw new OptimizerSpecException(text, "unbalanced ')'");
            }
        }
        if (depth != 0) {
            throw new OptimizerSpecException(text, "unbalanced '('");
        }
        if (!inside.isEmpty()) {
            parts.add(inside.substring(start));
        }
        return parts;
    }

    /** The preset or family name: {@code default}, {@code metaoptimize}, {@code adam}, {@code idbd}, … */
    public String name() {
        return name;
    }

    /** The settings as written, in order (keys lower case, values as typed without spaces). */
    public Map<String, String> settings() {
        return settings;
    }

    public boolean has(String key) {
        return settings.containsKey(key);
    }

    /** The same spec with one more (or a replaced) setting: e.g. a grid point {@code lr} or an {@code alpha0}. */
    public OptimizerSpec with(String key, String value) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put(key, value);
        return new OptimizerSpec(SpecText.of(name, s), name, s);
    }

    /** Whether this is a fixed-step optimizer ({@code sgd}, {@code adam}, …): a grid when it names no {@code lr}. */
    public boolean isFixedStep() {
        return Presets.isFixedStep(name);
    }

    /** The key of the step size an adaptive method starts from ({@code alpha0}), or of a fixed step ({@code lr}). */
    public String stepSizeKey() {
        return isFixedStep() ? "lr" : "alpha0";
    }

    /**
     * The configuration this spec names for a model with these facts.
     *
     * @throws OptimizerSpecException naming the setting, the value and what is allowed
     */
    public OptimizerConfig resolve(ModelFacts facts) {
        return Presets.resolve(this, facts);
    }

    /** The text as typed. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return SpecText.of(name, settings);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerSpec s && name.equals(s.name) && settings.equals(s.settings);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + settings.hashCode();
    }
}
