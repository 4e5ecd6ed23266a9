package dev.driftwise.serving;

import java.time.Instant;

/**
 * A models-topic record or assembled snapshot the client refused; the model it served before stays.
 *
 * @param streamId the stream, from the record or its Kafka key ({@code null} when neither says)
 * @param version the snapshot's version, -1 when the record could not be decoded
 * @param reason what kind of problem
 * @param detail a sentence naming the field and the value
 */
public record SnapshotRejection(String streamId, long version, Reason reason, String detail, String topic, int partition,
                                long offset, Instant at) {

    /** Why a snapshot was not served. */
    public enum Reason {
        /** Bytes that are not a ModelSnapshot: bad magic, unknown schema fingerprint, truncated, malformed, another record. */
        UNDECODABLE,
        /** Chunks that contradict each other or do not tile their tensors. */
        BAD_CHUNKS,
        /** The modelSpec field does not parse. */
        BAD_MODEL_SPEC,
        /** Tensor names, shapes, dtypes or values (feature statistics included) do not fit the model spec. */
        TENSOR_MISMATCH,
        /** A valid snapshot this client cannot serve (e.g. a v1 snapshot of a model that standardises features). */
        UNSUPPORTED
    }

    @Override
    public String toString() {
        return "snapshot " + streamId + " v" + version + " rejected (" + reason + "): " + detail + " [" + topic + "-"
                + partition + "@" + offset + "]";
    }
}
