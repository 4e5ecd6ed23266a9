package dev.driftwise.jobs.learn;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.InvalidSampleException;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the training operator needs from one stream's learner: predict then learn on a micro-batch,
 * report, save and restore. Not thread-safe; one instance per learner key, owned by one task thread.
 */
public interface StreamLearner extends AutoCloseable {

    /** Features every sample must have. */
    int featureCount();

    /** Classes of a classifier (targets are class indices in [0, classes)); 0 for regression. */
    int classes();

    /**
     * Checks one sample against the model before it joins a micro-batch, so a bad record becomes a dead
     * letter instead of failing a whole batch: feature count, finite values, class index in range.
     *
     * @throws InvalidSampleException with the reason and a message naming the value and the fix
     */
    void check(float[] features, double target);

    /**
     * Prequential step on rows {@code [0, n)} of {@code features} (row-major, {@code n × featureCount()}):
     * scores every sample with the current model, then takes one learning step on the batch.
     *
     * @param losses receives each sample's loss before the step
     * @param correct receives, for a classifier, whether the prediction before the step was right
     */
    void learn(float[] features, double[] targets, int n, double[] losses, boolean[] correct);

    /** Learning steps applied so far. */
    long steps();

    /** Host copies of the parameters, in the model's order. */
    List<ParameterTensor> parameters();

    /**
     * The feature statistics predictions standardise with, for a model that standardises (published with
     * each model snapshot, so a consumer predicts exactly as the learner); empty otherwise.
     */
    default Optional<FeatureStandardizer.Statistics> featureStatistics() {
        return Optional.empty();
    }

    /** Step sizes per block after the last step. */
    List<BlockStepSize> stepSizes();

    /** The last meta-gradient per block, in the order of {@link #stepSizes()}; read every step, so cheap. */
    default double[] lastMetaGradients() {
        return stepSizes().stream().mapToDouble(BlockStepSize::metaGradient).toArray();
    }

    OptimizerSpec optimizer();

    /** The model spec as canonical text: equal specs compare equal as strings. */
    String modelSpec();

    /** Everything needed to continue bit for bit: parameters, optimizer state, counters. */
    byte[] saveState();

    /** Replaces this learner's state with saved bytes from a learner built with the same settings. */
    void restoreState(byte[] state);

    @Override
    void close();
}
