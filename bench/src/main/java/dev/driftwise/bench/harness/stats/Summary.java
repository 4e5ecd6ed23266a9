package dev.driftwise.bench.harness.stats;

/**
 * Mean and standard error of one score over R runs. A run with a non-finite value (a diverged run)
 * makes the mean and the error NaN and is counted in {@code nonFinite}.
 *
 * @param mean mean over runs
 * @param standardError sample standard deviation / √R (NaN for one run)
 * @param runs R
 * @param nonFinite runs whose value was not finite
 * @param values the per-run values, in run order
 */
public record Summary(double mean, double standardError, int runs, int nonFinite, double[] values) {

    public static Summary of(double[] values) {
        int bad = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                bad++;
            }
            sum += v;
        }
        int n = values.length;
        if (bad > 0 || n == 0) {
            return new Summary(Double.NaN, Double.NaN, n, bad, values.clone());
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
        return new Summary(mean, se, n, 0, values.clone());
    }

    /** The paired difference a[r] − b[r] (common random numbers: run r of both saw the same stream). */
    public static Summary paired(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired difference needs the same runs: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return of(d);
    }
}
