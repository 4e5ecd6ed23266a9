package dev.driftwise.jobs.decode;

import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.schemas.DeadLetterReason;

/** Why an input record was not learned from; mirrors {@link DeadLetterReason} on the wire. */
public enum RejectReason {
    UNDECODABLE, UNKNOWN_SCHEMA, WRONG_FEATURE_COUNT, NON_FINITE, CLASS_OUT_OF_RANGE, OTHER;

    public DeadLetterReason wire() {
        return DeadLetterReason.valueOf(name());
    }

    /** The dead-letter reason of a sample the learner refused; exhaustive, so a new learner reason must be mapped. */
    public static RejectReason of(InvalidSampleException.Reason reason) {
        return switch (reason) {
            case WRONG_FEATURE_COUNT -> WRONG_FEATURE_COUNT;
            case NON_FINITE -> NON_FINITE;
            case CLASS_OUT_OF_RANGE -> CLASS_OUT_OF_RANGE;
        };
    }
}
