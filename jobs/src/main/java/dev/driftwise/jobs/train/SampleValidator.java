package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.decode.RejectReason;
import dev.driftwise.jobs.decode.Rejection;

/**
 * Checks a decoded sample against its learner before it can touch a weight: feature count, finite
 * values, class index in range. A failed check is a dead letter, never an exception.
 */
final class SampleValidator {

    private final int featureCount;
    private final int classes;
    private final String modelSpec;

    SampleValidator(int featureCount, int classes, String modelSpec) {
        this.featureCount = featureCount;
        this.classes = classes;
        this.modelSpec = modelSpec;
    }

    /** The rejection, or null when the sample is fit to learn from. */
    Rejection check(LabeledSample s) {
        if (s.features == null || s.features.length != featureCount) {
            int got = s.features == null ? 0 : s.features.length;
            return reject(s, RejectReason.WRONG_FEATURE_COUNT, "features has " + got + " values, the stream's model "
                    + modelSpec + " takes " + featureCount + "; send " + featureCount + " features or configure the model"
                    + " with --stream." + s.streamId + ".model");
        }
        for (int i = 0; i < featureCount; i++) {
            if (!Float.isFinite(s.features[i])) {
                return reject(s, RejectReason.NON_FINITE, "features[" + i + "] is " + s.features[i]
                        + "; every feature must be a finite number");
            }
        }
        if (!Double.isFinite(s.target)) {
            return reject(s, RejectReason.NON_FINITE, "target is " + s.target + "; the target must be a finite number");
        }
        if (classes > 0 && (s.target != Math.rint(s.target) || s.target < 0 || s.target >= classes)) {
            return reject(s, RejectReason.CLASS_OUT_OF_RANGE, "target " + s.target + " is not a class index of "
                    + modelSpec + "; allowed: a whole number in [0, " + classes + ")");
        }
        return null;
    }

    private static Rejection reject(LabeledSample s, RejectReason reason, String detail) {
        return new Rejection(reason, detail, s.streamId, s.source);
    }
}
