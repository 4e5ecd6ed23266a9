package dev.driftwise.bench.harness.stats;

/**
 * The "robust width" of a sensitivity curve (benchmarks.md): how many decades of a setting (α0 or
 * the meta step size) keep the score within 10 % of the method's best on that curve. The curve is a
 * loss (lower is better; accuracies enter as error rates) at increasing setting values; the width
 * is log10(x_hi / x_lo) over the contiguous stretch of qualifying points that contains the best
 * one, so a curve that is good at one point only has width 0, and a curve good at 1e-6 … 1e-1 has 5.
 * Non-finite losses (diverged runs) never qualify.
 *
 * @param decades the width in decades
 * @param low smallest setting of the stretch
 * @param high largest setting of the stretch
 * @param best the best loss on the curve
 * @param bestAt the setting of the best loss
 */
public record RobustWidth(double decades, double low, double high, double best, double bestAt) {

    /** The relative tolerance: within 10 % of the best. */
    public static final double TOLERANCE = 0.10;

    /**
     * @param settings positive setting values in increasing order
     * @param losses the loss at each setting (NaN or ∞ for diverged)
     */
    public static RobustWidth of(double[] settings, double[] losses) {
        if (settings.length != losses.length || settings.length == 0) {
            throw new IllegalArgumentException("robust width needs one loss per setting, got " + settings.length
                    + " settings and " + losses.length + " losses");
        }
        for (int i = 1; i < settings.length; i++) {
            if (!(settings[i] > settings[i - 1]) || !(settings[i - 1] > 0)) {
                throw new IllegalArgumentException("settings must be positive and increasing, got " + settings[i - 1]
                        + " then " + settings[i]);
            }
        }
        int bestIndex = -1;
        for (int i = 0; i < losses.length; i++) {
            if (Double.isFinite(losses[i]) && (bestIndex < 0 || losses[i] < losses[bestIndex])) {
                bestIndex = i;
            }
        }
        if (bestIndex < 0) {
            return new RobustWidth(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double best = losses[bestIndex];
        double limit = best + TOLERANCE * Math.abs(best);
        int lo = bestIndex;
        while (lo > 0 && Double.isFinite(losses[lo - 1]) && losses[lo - 1] <= limit) {
            lo--;
        }
        int hi = bestIndex;
        while (hi < losses.length - 1 && Double.isFinite(losses[hi + 1]) && losses[hi + 1] <= limit) {
            hi++;
        }
        return new RobustWidth(Math.log10(settings[hi] / settings[lo]), settings[lo], settings[hi], best, settings[bestIndex]);
    }
}
