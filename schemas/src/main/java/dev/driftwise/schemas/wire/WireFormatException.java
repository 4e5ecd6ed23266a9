package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.DeadLetterReason;
import java.util.OptionalLong;

/**
 * Bytes that are not a decodable driftwise record. Checked on purpose: every consumer of a topic must
 * decide what a bad record means to it (the training job sends it to the dead-letter topic with
 * {@link #reason()}).
 */
public final class WireFormatException extends Exception {

    /** What was wrong with the bytes. */
    public enum Reason {
        /** Null or zero-length value (a tombstone, or a producer that sent nothing). */
        EMPTY,
        /** Does not start with the Avro single-object marker {@code C3 01}. */
        BAD_MAGIC,
        /** The writer's schema fingerprint is not in the {@link SchemaStore}. */
        UNKNOWN_FINGERPRINT,
        /** The bytes end before the record does. */
        TRUNCATED,
        /** The body does not follow the writer's schema (bad length, union or enum index, trailing bytes...). */
        MALFORMED,
        /** A valid record, but not of the type the caller asked for (or no generated class for it). */
        WRONG_TYPE
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final boolean hasFingerprint;
    private final long fingerprint;

    WireFormatException(Reason reason, String message) {
        this(reason, message, false, 0L, null);
    }

    WireFormatException(Reason reason, String message, long fingerprint, Throwable cause) {
        this(reason, message, true, fingerprint, cause);
    }

    private WireFormatException(Reason reason, String message, boolean hasFingerprint, long fingerprint,
                                Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.hasFingerprint = hasFingerprint;
        this.fingerprint = fingerprint;
    }

    public Reason reason() {
        return reason;
    }

    /** How the dead-letter topic files a value rejected for this reason. */
    public DeadLetterReason deadLetterReason() {
        return switch (reason) {
            case UNKNOWN_FINGERPRINT, WRONG_TYPE -> DeadLetterReason.UNKNOWN_SCHEMA;
            case EMPTY, BAD_MAGIC, TRUNCATED, MALFORMED -> DeadLetterReason.UNDECODABLE;
        };
    }

    /** The writer's CRC-64-AVRO schema fingerprint, when the header was complete enough to read it. */
    public OptionalLong fingerprint() {
        return hasFingerprint ? OptionalLong.of(fingerprint) : OptionalLong.empty();
    }

    /** Fingerprints print as the 16 hex digits Avro tooling shows. */
    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }
}
