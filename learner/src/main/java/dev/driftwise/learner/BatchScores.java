package dev.driftwise.learner;

/**
 * The prequential scores of the last micro-batch: each sample's loss (and correctness, for
 * classifiers) under the model as it was before learning from the batch. The learner reuses this
 * object: read it before the next call to learn.
 */
public final class BatchScores {

    private double[] losses = new double[0];
    private boolean[] correct = new boolean[0];
    private int size;

    /** Prepares for a batch of {@code size} samples (for {@link Learner} implementations). */
    public void reset(int size) {
        if (losses.length < size) {
            losses = new double[size];
            correct = new boolean[size];
        }
        this.size = size;
    }

    /** Records sample i's score (for {@link Learner} implementations). */
    public void set(int i, double loss, boolean isCorrect) {
        losses[i] = loss;
        correct[i] = isCorrect;
    }

    public int size() {
        return size;
    }

    public double loss(int i) {
        return losses[i];
    }

    /** Whether sample i was classified correctly (always false for regression). */
    public boolean correct(int i) {
        return correct[i];
    }

    public double meanLoss() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += losses[i];
        }
        return sum / size;
    }
}
