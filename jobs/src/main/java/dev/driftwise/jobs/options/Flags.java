package dev.driftwise.jobs.options;

import java.time.Duration;
import java.util.Locale;

/** Value checks shared by every flag: each failure names the flag, the value and what is allowed. */
final class Flags {

    private Flags() {}

    static int positiveInt(String flag, String value) {
        return intAtLeast(flag, value, 1);
    }

    static int intAtLeast(String flag, String value, int min) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through to the message below
        }
        throw new OptionException(flag, value, "allowed: a whole number >= " + min);
    }

    static double unitInterval(String flag, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw new OptionException(flag, value, "allowed: a number in (0, 1]");
    }

    static boolean bool(String flag, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new OptionException(flag, value, "allowed: true, false (or the flag alone for true)");
    }

    static String device(String flag, String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (v.equals("cpu") || v.equals("gpu") || v.equals("auto")) {
            return v;
        }
        throw new OptionException(flag, value, "allowed: cpu, gpu, auto");
    }

    static String engine(String flag, String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (v.equals("jvm") || v.equals("torch") || v.equals("auto")) {
            return v;
        }
        throw new OptionException(flag, value, "allowed: jvm, torch, auto");
    }

    /** {@code 500ms}, {@code 10s}, {@code 2min} or a bare number of milliseconds. */
    static Duration duration(String flag, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("min")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 3)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofMillis(Long.parseLong(v));
            }
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new OptionException(flag, value, "allowed: a positive duration such as 500ms, 10s, 2min or a number of milliseconds");
    }
}
