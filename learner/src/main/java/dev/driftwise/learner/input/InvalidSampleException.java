package dev.driftwise.learner.input;

/**
 * A sample the learner refuses, with a reason a stream job can map to a dead-letter reason. The
 * learner validates a whole micro-batch before it changes anything, so after this exception the
 * model, the optimizer, the standardiser and the metrics are exactly as they were.
 */
public final class InvalidSampleException extends IllegalArgumentException {

    /** Why a sample was refused; the names match the dead-letter reasons of the stream job. */
    public enum Reason {
        /** The feature vector is longer or shorter than the model's input size. */
        WRONG_FEATURE_COUNT,
        /** A feature or the target is NaN or infinite. */
        NON_FINITE,
        /** A class target is negative, not a whole number, or not below the number of classes. */
        CLASS_OUT_OF_RANGE
    }

    private final Reason reason;
    private final int sampleIndex;

    public InvalidSampleException(Reason reason, int sampleIndex, String message) {
        super(sampleIndex >= 0 ? "sample " + sampleIndex + " of the batch: " + message : message);
        this.reason = reason;
        this.sampleIndex = sampleIndex;
    }

    public Reason reason() {
        return reason;
    }

    /** Position of the refused sample in its micro-batch, or -1 when it was refused on its own. */
    public int sampleIndex() {
        return sampleIndex;
    }
}
