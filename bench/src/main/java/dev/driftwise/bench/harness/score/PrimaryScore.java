package dev.driftwise.bench.harness.score;

/**
 * The score that ranks methods and grid points of a task.
 *
 * @param name key in {@link TaskScorer#scores()}
 * @param lowerIsBetter true for losses (MSE), false for accuracies
 */
public record PrimaryScore(String name, boolean lowerIsBetter) {

    /**
     * The score as a loss, so "within 10 % of the best" means the same for every task: the score
     * itself when lower is better, the error rate 1 − accuracy otherwise; +∞ for a diverged run.
     */
    public double asLoss(double score) {
        if (Double.isNaN(score)) {
            return Double.POSITIVE_INFINITY;
        }
        return lowerIsBetter ? score : 1 - score;
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return asLoss(a) < asLoss(b);
    }
}
