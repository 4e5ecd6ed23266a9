package dev.driftwise.bench.harness.score;

import java.util.Map;

/**
 * Scores one run of a task from its prequential record: every sample's loss and correctness under
 * the model as it was before learning from it, in stream order. One scorer per run.
 */
public interface TaskScorer {

    /**
     * @param index 0-based position of the sample in the stream
     * @param driftIndex the generator's ground truth: drifts whose phase has started before this sample
     * @param loss the learner's loss on the sample before the update (½(y − ŷ)² or log-loss)
     * @param correct whether a classifier predicted the sample's class (false for regression)
     */
    void record(long index, int driftIndex, double loss, boolean correct);

    /** The run's scalar scores by name, the task's primary score first. NaN where undefined. */
    Map<String, Double> scores();

    /** Per-run series (per-drift recovery times, per-task accuracies) by name; may be empty. */
    default Map<String, double[]> series() {
        return Map.of();
    }
}
