package dev.driftwise.metaoptimize.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spellings of optimizer configurations from before there was one: the bench's method names
 * ({@code mo:adam/lion/scalar/hf/g=0.9}, {@code lms}, {@code fixed:adam/a=0.01}, {@code idbd/theta=0.01})
 * and the old positional provenance ({@code metaoptimize(adam,lion,scalar,hessian-free)}). Each is
 * refused with its new spelling, so a command line or a script from before can be fixed by copying.
 */
final class OldSpellings {

    private OldSpellings() {}

    /** Throws when {@code t} (lower case, no spaces) is an old spelling; returns otherwise. */
    static void refuse(String typed, String t) {
        String replacement = translate(t);
        if (replacement != null) {
            throw new OptimizerSpecException(typed, "this spelling is gone; write " + replacement
                    + " (one spelling for every entry point: name(key=value,…))");
        }
    }

    private static String translate(String t) {
        if (t.equals("lms")) {
            return "sgd (a grid in the bench) or sgd(lr=0.01)";
        }
        if (t.startsWith("mo:")) {
            String[] parts = t.substring(3).split("/");
            Map<String, String> s = new LinkedHashMap<>();
            String[] positional = {"base", "meta", "blocks", "trace"};
            int i = 0;
            for (; i < parts.length && i < 4 && !parts[i].contains("="); i++) {
                s.put(positional[i], i == 3 ? trace(parts[i]) : parts[i]);
            }
            options(parts, i, s);
            return SpecText.of("metaoptimize", s);
        }
        if (t.startsWith("fixed:")) {
            String[] parts = t.substring(6).split("/");
            Map<String, String> s = new LinkedHashMap<>();
            options(parts, 1, s);
            String lr = s.remove("alpha0");
            if (lr != null) {
                s.put("lr", lr);
            }
            return SpecText.of(parts[0], s);
        }
        int slash = t.indexOf('/');
        if (slash > 0 && !t.contains("(")) {
            String[] parts = t.split("/");
            Map<String, String> s = new LinkedHashMap<>();
            options(parts, 1, s);
            return SpecText.of(parts[0], s);
        }
        if (t.startsWith("metaoptimize(") && t.endsWith(")") && !t.contains("=")) {
            String[] parts = t.substring("metaoptimize(".length(), t.length() - 1).split(",");
            if (parts.length == 4) {
                Map<String, String> s = new LinkedHashMap<>();
                s.put("base", parts[0].equals("adamw") ? "adam" : parts[0]);
                s.put("meta", parts[1]);
                s.put("blocks", parts[2]);
                s.put("trace", parts[3]);
                return SpecText.of("metaoptimize", s) + " (every setting is in a snapshot's full spec)";
            }
        }
        return null;
    }

    private static String trace(String short_) {
        return switch (short_) {
            case "hf" -> "hessian-free";
            case "diag" -> "diagonal-hessian";
            default -> short_;
        };
    }

    private static void options(String[] parts, int from, Map<String, String> s) {
        for (int i = from; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = parts[i].substring(0, eq);
            String value = parts[i].substring(eq + 1);
            s.put(switch (key) {
                case "a0", "a" -> "alpha0";
                case "amin" -> "alpha-min";
                case "g" -> "gamma";
                default -> key;
            }, value.equals("add") && key.equals("rule") ? "add" : value);
        }
    }
}
