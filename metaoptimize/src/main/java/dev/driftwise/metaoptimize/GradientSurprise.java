package dev.driftwise.metaoptimize;

/**
 * Tells when the gradient's squared norm jumps far above its long-run level: the mark of an abrupt drift,
 * after which a step size annealed on the old concept is decades too small (docs/benchmarks.md, "The
 * default"). It compares two averages of ln‖g‖²: a fast one over about ten steps and a slow one over about a
 * thousand; a surprise is the fast one above the slow one by more than ln(ratio). In the log domain a single
 * outlier moves the fast average by a tenth of its own log, so heavy-tailed noise alone does not raise it; a
 * drift that multiplies the loss a hundredfold does within a few samples. Both averages are plain means
 * until they have seen as many steps as they span, so the first gradients of a stream (large while the model
 * is still far off) weigh no more than the later ones, and nothing is reported in the first
 * {@value #WARM_UP} steps. A gradient that is zero or not finite is ignored.
 */
final class GradientSurprise {

    static final double FAST = 0.1;
    static final double SLOW = 0.001;
    static final int WARM_UP = 10;

    private final double logRatio;
    private double fast;
    private double slow;
    private long seen;

    /** @param ratio how many times the recent gradient energy must exceed its long-run level (> 1) */
    GradientSurprise(double ratio) {
        this.logRatio = Math.log(ratio);
    }

    /** Takes this step's ‖g‖²; true when it is a surprise. */
    boolean observe(double squaredNorm) {
        if (!(squaredNorm > 0) || Double.isInfinite(squaredNorm)) {
            return false;
        }
        double log = Math.log(squaredNorm);
        seen++;
        fast += Math.max(FAST, 1.0 / seen) * (log - fast);
        slow += Math.max(SLOW, 1.0 / seen) * (log - slow);
        return seen > WARM_UP && fast - slow > logRatio;
    }

    /** The state for a snapshot: {fast, slow, seen}. */
    double[] state() {
        return new double[] {fast, slow, seen};
    }

    void restore(double[] state) {
        if (state.length != 3) {
            throw new IllegalArgumentException("restart-ratio state: " + state.length + " values, expected 3");
        }
        fast = state[0];
        slow = state[1];
        seen = (long) state[2];
    }
}
