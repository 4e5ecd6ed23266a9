package dev.driftwise.bench.harness.method;

import java.util.Locale;

/** The step sizes tried for "best fixed step size in hindsight" (benchmarks.md). */
public enum StepSizeGrid {
    /** 2^0, 2^-1, …, 2^-16 (17 points). */
    POW2,
    /** 1, 10^-0.5, …, 1e-5 (11 points). */
    HALF_DECADES;

    public double[] stepSizes() {
        if (this == POW2) {
            double[] v = new double[17];
            for (int k = 0; k <= 16; k++) {
                v[k] = Math.scalb(1.0, -k);
            }
            return v;
        }
        double[] v = new double[11];
        for (int k = 0; k <= 10; k++) {
            v[k] = Math.pow(10, -k / 2.0);
        }
        return v;
    }

    public static StepSizeGrid parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "pow2" -> POW2;
            case "half-decades" -> HALF_DECADES;
            default -> throw new IllegalArgumentException("--grid " + text + ": unknown grid; use pow2 (2^0 … 2^-16) or half-decades (1 … 1e-5)");
        };
    }
}
