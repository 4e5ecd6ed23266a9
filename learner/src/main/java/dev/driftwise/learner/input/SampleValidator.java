package dev.driftwise.learner.input;

import dev.driftwise.learner.input.InvalidSampleException.Reason;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;

/** Checks samples against a model spec before anything is learned from them. */
public final class SampleValidator {

    private final int featureCount;
    private final Task task;
    private final int classes;

    public SampleValidator(ModelSpec spec) {
        this.featureCount = spec.inputs();
        this.task = spec.task();
        this.classes = task == Task.BINARY ? 2 : spec.classes();
    }

    /** Checks one sample on its own (a stream job may call this per record before batching). */
    public void check(float[] features, double target) {
        if (features.length != featureCount) {
            throw new InvalidSampleException(Reason.WRONG_FEATURE_COUNT, -1,
                    "got " + features.length + " features, the model takes " + featureCount);
        }
        check(features, 0, target, -1, true);
    }

    /** Checks every sample of a batch; the first bad one throws, naming its index. */
    public void check(MicroBatch batch) {
        check(batch, true);
    }

    /** Checks the features of every sample of a batch (for prediction, where targets are ignored). */
    public void checkFeatures(MicroBatch batch) {
        check(batch, false);
    }

    private void check(MicroBatch batch, boolean targets) {
        if (batch.featureCount() != featureCount) {
            throw new InvalidSampleException(Reason.WRONG_FEATURE_COUNT, -1, "the batch holds " + batch.featureCount()
                    + " features per sample, the model takes " + featureCount + "; create it with learner.newBatch(...)");
        }
        float[] rows = batch.featureBuffer();
        for (int s = 0; s < batch.size(); s++) {
            check(rows, s * featureCount, batch.target(s), s, targets);
        }
    }

    private void check(float[] rows, int offset, double target, int index, boolean checkTarget) {
        for (int j = 0; j < featureCount; j++) {
            float x = rows[offset + j];
            if (!Float.isFinite(x)) {
                throw new InvalidSampleException(Reason.NON_FINITE, index, "feature " + j + " is " + x
                        + "; features must be finite numbers (impute or drop the sample upstream)");
            }
        }
        if (!checkTarget) {
            return;
        }
        if (!Double.isFinite(target)) {
            throw new InvalidSampleException(Reason.NON_FINITE, index, "target is " + target + "; targets must be finite");
        }
        if (task.isClassification() && (target < 0 || target >= classes || target != Math.rint(target))) {
            throw new InvalidSampleException(Reason.CLASS_OUT_OF_RANGE, index, "target " + target
                    + " is not a class index; expected a whole number in 0.." + (classes - 1));
        }
    }
}
