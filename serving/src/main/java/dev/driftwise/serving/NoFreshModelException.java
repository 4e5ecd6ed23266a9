package dev.driftwise.serving;

import java.util.Optional;

/** No model of the stream meets the caller's {@link Freshness}: none yet, too old, or too many versions behind. */
public final class NoFreshModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final transient SnapshotRejection lastRejection;

    NoFreshModelException(String streamId, String message, SnapshotRejection lastRejection) {
        super(message + (lastRejection == null ? "" : "; last rejected: " + lastRejection));
        this.streamId = streamId;
        this.lastRejection = lastRejection;
    }

    public String streamId() {
        return streamId;
    }

    /** The latest snapshot of the stream the client refused, if any: often why the model is stale. */
    public Optional<SnapshotRejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }
}
