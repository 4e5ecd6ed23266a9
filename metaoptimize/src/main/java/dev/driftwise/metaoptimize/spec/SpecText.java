package dev.driftwise.metaoptimize.spec;

import java.util.Locale;
import java.util.Map;

/** Writing optimizer specs: {@code name(key=value,…)} with numbers in their shortest round-trip form. */
public final class SpecText {

    private SpecText() {}

    public static String of(String name, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        settings.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
        return sb.append(')').toString();
    }

    /**
     * A number as specs write it: {@code 0.001}, {@code 1e-6}, {@code 10000}, {@code 0.999}; NaN as
     * {@code none}. Parses back to the same double.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "none";
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }

    /** Enum constant as specs write it: lower case with dashes ({@code HESSIAN_FREE} → {@code hessian-free}). */
    public static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
