package dev.driftwise.streams;

import dev.driftwise.schemas.DriftPhase;

/**
 * One generated sample in a reusable, mutable buffer: generators write into it, sinks read it and
 * convert it to their format (Avro {@code Sample}, CSV, ...). Reusing one buffer per stream keeps the
 * generator free of per-sample allocation.
 */
public final class GeneratedSample {

    /** Feature values; length = the stream's feature count. */
    public final float[] features;
    /** Regression value, or class index for classification. */
    public double target;
    /** Per-stream sequence number (0-based). */
    public long seq;
    /** Ground truth: the concept the sample was drawn from. */
    public int conceptId;
    /** Ground truth: scheduled drifts started before this sample. */
    public int driftIndex;
    /** Ground truth: drift phase of this sample. */
    public DriftPhase phase = DriftPhase.STABLE;
    /** Ground truth: during a gradual drift, the concept being left; -1 otherwise. */
    public int fromConceptId = -1;
    /** Ground truth: during a gradual drift, P(sample from the new concept). */
    public double mixProbability;

    public GeneratedSample(int featureCount) {
        this.features = new float[featureCount];
    }
}
