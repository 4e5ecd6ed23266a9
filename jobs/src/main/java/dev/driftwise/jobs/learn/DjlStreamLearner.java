package dev.driftwise.jobs.learn;

import dev.driftwise.learner.BatchScores;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import java.util.List;
import java.util.Optional;

/**
 * The learner module's DJL {@link OnlineLearner} (MetaOptimize or any optimizer) behind the job's
 * interface. Its tensors stay live between records; one reusable micro-batch, no per-record allocation.
 */
public final class DjlStreamLearner implements StreamLearner {

    private final OnlineLearner learner;
    private final int classes;
    private MicroBatch batch;

    public DjlStreamLearner(OnlineLearner learner) {
        this.learner = learner;
        Task task = learner.spec().task();
        this.classes = task.isClassification() ? Math.max(2, learner.spec().classes()) : 0;
    }

    @Override
    public int featureCount() {
        return learner.spec().inputs();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public void check(float[] features, double target) {
        learner.check(features, target);
    }

    @Override
    public void learn(float[] features, double[] targets, int n, double[] losses, boolean[] correct) {
        if (batch == null || batch.capacity() < n) {
            batch = learner.newBatch(n);
        }
        batch.clear();
        int d = featureCount();
        for (int i = 0; i < n; i++) {
            batch.add(features, i * d, targets[i]);
        }
        BatchScores scores = learner.learn(batch);
        for (int i = 0; i < n; i++) {
            losses[i] = scores.loss(i);
            correct[i] = scores.correct(i);
        }
    }

    @Override
    public long steps() {
        return learner.steps();
    }

    @Override
    public List<ParameterTensor> parameters() {
        return learner.parameterTensors();
    }

    @Override
    public Optional<FeatureStandardizer.Statistics> featureStatistics() {
        return learner.featureStatistics();
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return learner.stepSizes();
    }

    @Override
    public double[] lastMetaGradients() {
        return learner.lastMetaGradients();
    }

    @Override
    public OptimizerSpec optimizer() {
        return learner.optimizerSpec();
    }

    @Override
    public String modelSpec() {
        return learner.spec().toCanonicalString();
    }

    @Override
    public byte[] saveState() {
        return learner.snapshot();
    }

    @Override
    public void restoreState(byte[] state) {
        learner.restore(state);
    }

    @Override
    public void close() {
        learner.close();
    }
}
