package dev.driftwise.metaoptimize;

/**
 * What one call to {@link OnlineOptimizer#step} did. An applied step returns the one {@link #APPLIED} instance, so
 * a step allocates nothing (the step count lives in the optimizer and its snapshot).
 *
 * @param applied false when a safeguard skipped the step (nothing changed)
 * @param skipReason why the step was skipped, or null
 */
public record StepReport(boolean applied, String skipReason) {

    /** The report of every applied step. */
    public static final StepReport APPLIED = new StepReport(true, null);

    public static StepReport skipped(String reason) {
        return new StepReport(false, reason);
    }
}
