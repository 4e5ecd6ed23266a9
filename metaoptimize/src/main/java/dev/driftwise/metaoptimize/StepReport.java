package dev.driftwise.metaoptimize;

/**
 * What one call to {@link OnlineOptimizer#step} did.
 *
 * @param applied false when a safeguard skipped the step (nothing changed)
 * @param step the optimizer's step count after this call
 * @param skipReason why the step was skipped, or null
 */
public record StepReport(boolean applied, long step, String skipReason) {

    public static StepReport applied(long step) {
        return new StepReport(true, step, null);
    }

    public static StepReport skipped(long step, String reason) {
        return new StepReport(false, step, reason);
    }
}
