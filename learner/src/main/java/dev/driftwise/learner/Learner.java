package dev.driftwise.learner;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;

/**
 * An online learner in River's spirit, sized to what a stream needs: predict a batch, learn from a
 * batch (prequential: each sample is scored before the model learns from it), snapshot, restore. The
 * Flink job and the benchmark harness drive learners only through this interface, and each learner
 * keeps the one set of prequential metrics of its stream. Not thread-safe: one thread at a time.
 */
public interface Learner extends AutoCloseable {

    /** The model: features per sample, what it predicts. */
    ModelSpec spec();

    /** A reusable batch sized for this model. */
    default MicroBatch newBatch(int capacity) {
        return new MicroBatch(capacity, spec().inputs());
    }

    /**
     * Checks one sample without learning from it, so a stream can dead-letter a bad record before it
     * joins a batch: feature count, finite values, class index in range.
     *
     * @throws dev.driftwise.learner.input.InvalidSampleException naming the reason, the value and the fix
     */
    void check(float[] features, double target);

    /**
     * Writes {@code spec().outputs()} predictions per sample into {@code out}: ŷ for regression,
     * P(y = 1) for binary, class probabilities for multiclass. Targets are ignored.
     */
    void predict(MicroBatch batch, double[] out);

    /**
     * Scores every sample with the current model, records the scores in the learner's prequential
     * metrics, then learns from the batch (one optimizer step).
     *
     * @return the batch's scores (reused by the next call)
     * @throws dev.driftwise.learner.input.InvalidSampleException when any sample is bad; nothing has changed then
     */
    BatchScores learn(MicroBatch batch);

    /** Everything needed to continue bit for bit and to predict, with its provenance. */
    LearnerSnapshot snapshot();

    /** Replaces the whole state with a snapshot's; checks it fits first, so a mismatch changes nothing. */
    void restore(LearnerSnapshot snapshot);

    /** What it has done so far: a live view, cheap to read (step sizes excepted). */
    LearnerStatus status();

    @Override
    void close();
}
