package dev.driftwise.serving;

/** Thrown inside the client when a snapshot cannot become a model; turned into a {@link SnapshotRejection}. */
final class SnapshotRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SnapshotRejection.Reason reason;

    SnapshotRejectedException(SnapshotRejection.Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    SnapshotRejection.Reason reason() {
        return reason;
    }
}
