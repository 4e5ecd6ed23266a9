package dev.driftwise.serving;

import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.learner.input.MicroBatch;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded snapshot and the metadata a caller needs to judge it, shared by every prediction that
 * leased it. Reference counted: the client holds one reference while the model is current, each
 * {@link ModelLease} one more; the native model is closed when the last reference goes, so a swap
 * never frees arrays under a prediction in flight.
 */
final class ServedModel {

    private final String streamId;
    private final long version;
    private final ModelProvenance provenance;
    private final PredictOnlyModel model;
    private final Runnable onClosed;
    // 1 = the client's reference; 0 = closed, never to be leased again
    private final AtomicInteger references = new AtomicInteger(1);

    ServedModel(String streamId, long version, ModelProvenance provenance, PredictOnlyModel model, Runnable onClosed) {
        this.streamId = streamId;
        this.version = version;
        this.provenance = provenance;
        this.model = model;
        this.onClosed = onClosed;
    }

    /** One more reference, unless the model is already closed (then the caller re-reads the current one). */
    boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        int n = references.decrementAndGet();
        if (n == 0) {
            model.close();
            onClosed.run();
        } else if (n < 0) {
            throw new IllegalStateException("model " + streamId + " v" + version + " released more often than retained");
        }
    }

    /** PredictOnlyModel keeps reusable host buffers, so predictions on one model take turns. */
    void predict(MicroBatch batch, double[] out) {
        synchronized (model) {
            model.predict(batch, out);
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }

    String streamId() {
        return streamId;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return provenance.createdAt();
    }

    ModelProvenance provenance() {
        return provenance;
    }

    PredictOnlyModel model() {
        return model;
    }
}
