package dev.driftwise.metaoptimize.baseline;

/** Build-time checks of builder settings; each message names the setting, the value and the fix. */
final class SettingChecks {

    private SettingChecks() {}

    static double positive(String setting, double value, String typical) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " = " + value + " is invalid: it must be a finite number > 0 (typical: "
                    + typical + ")");
        }
        return value;
    }

    static double nonNegative(String setting, double value, String typical) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " = " + value + " is invalid: it must be a finite number >= 0 (typical: "
                    + typical + ")");
        }
        return value;
    }

    /** A decay rate in [0, 1). */
    static double decay(String setting, double value, String typical) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(setting + " = " + value + " is invalid: it must lie in [0, 1) (typical: "
                    + typical + ")");
        }
        return value;
    }

    static double atLeast(String setting, double value, double min, String typical) {
        if (!(value >= min) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " = " + value + " is invalid: it must be a finite number >= " + min
                    + " (typical: " + typical + ")");
        }
        return value;
    }
}
