package dev.driftwise.serving;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * The model of one stream as it was when leased: every prediction through this lease uses the same
 * snapshot, however many swaps happen meanwhile. Close it (try-with-resources) to let a replaced
 * model be freed. Safe to use from several threads; predictions on one model take turns.
 */
public final class ModelLease implements AutoCloseable {

    private final ServedModel served;
    private final Instant leasedAt;
    private volatile boolean closed;

    ModelLease(ServedModel served, Instant leasedAt) {
        this.served = served;
        this.leasedAt = leasedAt;
    }

    public MicroBatch newBatch(int capacity) {
        return served.model().newBatch(capacity);
    }

    /** {@code spec().outputs()} values per sample: ŷ, P(y = 1) or the class probabilities. */
    public double[] predict(MicroBatch batch) {
        double[] out = new double[batch.size() * spec().outputs()];
        predict(batch, out);
        return out;
    }

    public void predict(MicroBatch batch, double[] out) {
        if (closed) {
            throw new IllegalStateException("lease of " + served.streamId() + " v" + served.version()
                    + " is closed; lease the current model again from the SnapshotClient");
        }
        served.predict(batch, out);
    }

    public String streamId() {
        return served.streamId();
    }

    public long version() {
        return served.version();
    }

    /** When the training job cut the snapshot. */
    public Instant createdAt() {
        return served.createdAt();
    }

    public Duration ageAtLease() {
        return Duration.between(served.createdAt(), leasedAt);
    }

    public long step() {
        return served.provenance().step();
    }

    public long samplesSeen() {
        return served.provenance().samplesSeen();
    }

    /** What the snapshot recorded about how the model was made and what input it reflects. */
    public ModelProvenance provenance() {
        return served.provenance();
    }

    public ModelSpec spec() {
        return served.model().spec();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            served.release();
        }
    }
}
