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

    /**
     * Whether this scorer judges the step size (T2): the run then reads the optimizer's α after every
     * step, which costs host copies for most optimizers, and calls {@link #learnedWith} before
     * recording the step's samples. False by default: nothing is read.
     */
    default boolean judgesStepSize() {
        return false;
    }

    /**
     * The step size α after the optimizer step that learned from the samples recorded next (one α
     * per micro-batch; for a fixed-step method the grid point).
     */
    default void learnedWith(double alpha) {
    }

    /** The run's scalar scores by name, the task's primary score first. NaN where undefined. */
    Map<String, Double> scores();

    /** Per-run series (per-drift recovery times, per-task accuracies) by name; may be empty. */
    default Map<String, double[]> series() {
        return Map.of();
    }
}
