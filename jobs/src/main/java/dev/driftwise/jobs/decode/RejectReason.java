package dev.driftwise.jobs.decode;

import dev.driftwise.schemas.DeadLetterReason;

/** Why an input record was not learned from; mirrors {@link DeadLetterReason} on the wire. */
public enum RejectReason {
    UNDECODABLE, UNKNOWN_SCHEMA, WRONG_FEATURE_COUNT, NON_FINITE, CLASS_OUT_OF_RANGE, OTHER;

    public DeadLetterReason wire() {
        return DeadLetterReason.valueOf(name());
    }
}
