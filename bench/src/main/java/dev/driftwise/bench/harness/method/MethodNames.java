package dev.driftwise.bench.harness.method;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.baseline.HypergradientRule;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads method names from {@code --methods}:
 * <pre>
 * lms | sgd                       best fixed-step SGD (LMS) in hindsight over the grid
 * adam | rmsprop | lion | sgdm    the same base with a fixed step, best of the grid
 * fixed:BASE[/a=α]                one base optimizer, grid or one step size α
 * idbd[/theta=θ][/a0=α0]          IDBD (Sutton 1992)
 * autostep[/mu=μ][/tau=τ][/a0=α0] Autostep (Mahmood et al. 2012)
 * sgd-hd[/beta=β][/rule=add|mult][/a0=α0]   hypergradient descent on SGD (Baydin et al. 2018)
 * adam-hd[/beta=β][/a0=α0]        hypergradient descent on Adam
 * mo:BASE/META/GRANULARITY/TRACE[/g=γ][/eta=η][/a0=α0][/amin=α_min]
 *     BASE sgd|sgdm|rmsprop|adam|lion, META fixed|sgd|rmsprop|adam|lion,
 *     GRANULARITY scalar|per-tensor|per-weight, TRACE hf|diag|full; amin= keeps every α ≥ α_min
 * </pre>
 * e.g. {@code mo:sgd/lion/per-weight/hf/g=0.9}. A mistake names the part, the value and the choices.
 */
public final class MethodNames {

    /** Every family once, for {@code --methods all}. */
    public static final List<String> ALL = List.of("lms", "idbd", "autostep", "sgd-hd", "adam-hd", "adam", "rmsprop", "lion",
            "mo:sgd/lion/per-weight/hf/g=0.9", "mo:sgd/lion/scalar/hf/g=0.9", "mo:adam/lion/scalar/hf/g=0.9",
            "mo:sgd/lion/scalar/full/g=0.9");

    private MethodNames() {
    }

    /** Comma-separated names, or {@code all}. */
    public static List<MethodSpec> parseList(String text) {
        List<MethodSpec> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equalsIgnoreCase("all")) {
                ALL.forEach(n -> out.add(parse(n)));
            } else {
                out.add(parse(name));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--methods '" + text + "' names no method; e.g. --methods lms,idbd,mo:sgd/lion/per-weight/hf/g=0.9");
        }
        return out;
    }

    public static MethodSpec parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "lms", "sgd" -> { return fixed(name, BaseAlgorithm.SGD, null); }
            case "sgdm" -> { return fixed(name, BaseAlgorithm.SGDM, null); }
            case "adam" -> { return fixed(name, BaseAlgorithm.ADAM, null); }
            case "rmsprop" -> { return fixed(name, BaseAlgorithm.RMSPROP, null); }
            case "lion" -> { return fixed(name, BaseAlgorithm.LION, null); }
            default -> { }
        }
        String[] parts = name.split("/");
        String head = parts[0];
        if (head.startsWith("fixed:")) {
            BaseAlgorithm base = choose(text, "base", head.substring(6), BaseAlgorithm.values());
            Double a = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = keyValue(text, parts[i]);
                if (!kv[0].equals("a")) {
                    throw bad(text, parts[i], "a fixed-step method takes only a=STEP_SIZE");
                }
                a = positive(text, kv);
            }
            return fixed(name, base, a);
        }
        if (head.startsWith("mo:")) {
            String[] positional = new String[4];
            positional[0] = head.substring(3);
            int i = 1;
            for (; i < parts.length && i < 4 && !parts[i].contains("="); i++) {
                positional[i] = parts[i];
            }
            if (i < 4) {
                throw new IllegalArgumentException("method '" + text + "': MetaOptimize needs mo:BASE/META/GRANULARITY/TRACE, "
                        + "e.g. mo:sgd/lion/per-weight/hf; got " + i + " of the 4 parts");
            }
            BaseAlgorithm base = choose(text, "base", positional[0], BaseAlgorithm.values());
            MetaAlgorithm meta = choose(text, "meta", positional[1], MetaAlgorithm.values());
            String granularity = positional[2];
            if (!List.of("scalar", "per-tensor", "per-weight").contains(granularity)) {
                throw bad(text, granularity, "granularity must be scalar, per-tensor or per-weight");
            }
            TraceKind trace = switch (positional[3]) {
                case "hf" -> TraceKind.HESSIAN_FREE;
                case "diag" -> TraceKind.DIAGONAL_HESSIAN;
                case "full" -> TraceKind.FULL;
                default -> throw bad(text, positional[3], "trace must be hf (Hessian-free), diag (diagonal Hessian) or full");
            };
            MethodSpec spec = new MethodSpec(name, MethodKind.METAOPTIMIZE, base, meta, granularity, trace,
                    null, null, null, null, null, null);
            return options(text, spec, parts, 4);
        }
        for (MethodKind kind : MethodKind.values()) {
            if (kind.adaptive() && kind != MethodKind.METAOPTIMIZE && head.equals(kind.id())) {
                BaseAlgorithm base = kind == MethodKind.ADAM_HD ? BaseAlgorithm.ADAM : BaseAlgorithm.SGD;
                return options(text, new MethodSpec(name, kind, base, null, null, null, null, null, null, null, null, null), parts, 1);
            }
        }
        throw new IllegalArgumentException("unknown method '" + text + "'; use lms, adam, rmsprop, lion, sgdm, fixed:BASE[/a=α], "
                + "idbd, autostep, sgd-hd, adam-hd or mo:BASE/META/GRANULARITY/TRACE[/g=γ][/eta=η][/a0=α0][/amin=α_min], or all");
    }

    private static MethodSpec fixed(String name, BaseAlgorithm base, Double a) {
        String family = a == null ? name : name.substring(0, name.indexOf('/'));
        return new MethodSpec(family, MethodKind.FIXED, base, MetaAlgorithm.FIXED, "scalar", TraceKind.NONE,
                null, null, a, null, null, null);
    }

    private static MethodSpec options(String text, MethodSpec spec, String[] parts, int from) {
        MethodSpec s = spec;
        for (int i = from; i < parts.length; i++) {
            String[] kv = keyValue(text, parts[i]);
            String key = kv[0];
            if (key.equals("a0")) {
                s = s.withAlpha0(positive(text, kv));
            } else if (key.equals(s.kind().metaStepName())) {
                s = s.withMetaStep(positive(text, kv));
            } else if (key.equals("g") && s.kind() == MethodKind.METAOPTIMIZE) {
                double g = number(text, kv);
                if (!(g >= 0 && g <= 1)) {
                    throw bad(text, parts[i], "the discount γ must be in [0, 1], e.g. g=0.9");
                }
                s = s.withGamma(g);
            } else if (key.equals("amin") && s.kind() == MethodKind.METAOPTIMIZE) {
                s = s.withAlphaMin(positive(text, kv));
            } else if (key.equals("tau") && s.kind() == MethodKind.AUTOSTEP) {
                s = s.withTau(positive(text, kv));
            } else if (key.equals("rule") && (s.kind() == MethodKind.SGD_HD || s.kind() == MethodKind.ADAM_HD)) {
                HypergradientRule rule = switch (kv[1]) {
                    case "add" -> HypergradientRule.ADDITIVE;
                    case "mult" -> HypergradientRule.MULTIPLICATIVE;
                    default -> throw bad(text, parts[i], "rule must be add (additive, the default) or mult (multiplicative)");
                };
                s = s.withRule(rule);
            } else {
                throw bad(text, parts[i], s.kind().id() + " takes a0=, " + s.kind().metaStepName() + "="
                        + (s.kind() == MethodKind.METAOPTIMIZE ? ", g=, amin=" : s.kind() == MethodKind.AUTOSTEP ? ", tau="
                        : ", rule=add|mult"));
            }
        }
        // the name keeps its options: two configurations of one family stay apart in the report
        return s;
    }

    private static String[] keyValue(String text, String part) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
            throw bad(text, part, "options are KEY=VALUE, e.g. a0=1e-4");
        }
        return new String[] {part.substring(0, eq), part.substring(eq + 1)};
    }

    private static double number(String text, String[] kv) {
        try {
            return Double.parseDouble(kv[1]);
        } catch (NumberFormatException e) {
            throw bad(text, kv[0] + "=" + kv[1], kv[0] + " must be a number, e.g. " + kv[0] + "=0.001");
        }
    }

    private static double positive(String text, String[] kv) {
        double v = number(text, kv);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(text, kv[0] + "=" + kv[1], kv[0] + " must be a finite number > 0");
        }
        return v;
    }

    private static <E extends Enum<E>> E choose(String text, String what, String value, E[] values) {
        for (E e : values) {
            if (MethodSpec.id(e).equals(value)) {
                return e;
            }
        }
        List<String> ids = new ArrayList<>();
        for (E e : values) {
            ids.add(MethodSpec.id(e));
        }
        throw bad(text, value, what + " must be one of " + String.join(", ", ids));
    }

    private static IllegalArgumentException bad(String text, String part, String why) {
        return new IllegalArgumentException("method '" + text + "': '" + part + "': " + why);
    }
}
