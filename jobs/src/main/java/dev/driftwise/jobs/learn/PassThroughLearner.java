package dev.driftwise.jobs.learn;

import dev.driftwise.learner.BatchScores;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.LearnerStatus;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;
import java.util.Map;

/**
 * Learns nothing: every sample costs zero loss and the model stays at zero. The pipeline
 * benchmark's baseline, so the cost of learning can be told from the cost of Kafka and Flink.
 */
public final class PassThroughLearner implements Learner, LearnerStatus {

    private final ModelSpec spec;
    // Checks samples as a regression on d features would, so the baseline pays the same validation
    // as a real learner and rejects the same records (wrong count, NaN, infinity).
    private final SampleValidator validator;
    private final BatchScores scores = new BatchScores();
    private PrequentialMetrics metrics;
    private long steps;

    public PassThroughLearner(int features, int metricsWindow, double fadingFactor) {
        this.spec = ModelSpec.linearRegression(features);
        this.validator = new SampleValidator(spec);
        this.metrics = new PrequentialMetrics(metricsWindow, fadingFactor, false);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void check(float[] features, double target) {
        validator.check(features, target);
    }

    @Override
    public void predict(MicroBatch batch, double[] out) {
        java.util.Arrays.fill(out, 0, batch.size(), 0.0);
    }

    @Override
    public BatchScores learn(MicroBatch batch) {
        scores.reset(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            metrics.record(0, false);
        }
        steps++;
        return scores;
    }

    @Override
    public LearnerSnapshot snapshot() {
        return new LearnerSnapshot(spec, optimizer(), "none", steps, null, metrics.copy(), parameters(), new byte[0]);
    }

    @Override
    public void restore(LearnerSnapshot s) {
        steps = s.steps();
        metrics = s.metrics().copy();
    }

    @Override
    public LearnerStatus status() {
        return this;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long samplesSeen() {
        return metrics.samples();
    }

    @Override
    public MetricsSummary metrics() {
        return metrics.summary(steps);
    }

    @Override
    public String optimizer() {
        return "none";
    }

    @Override
    public Map<String, String> optimizerSettings() {
        return Map.of();
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return List.of();
    }

    @Override
    public double[] alphas() {
        return new double[0];
    }

    @Override
    public double[] lastMetaGradients() {
        return new double[0];
    }

    @Override
    public long skippedSteps() {
        return 0;
    }

    @Override
    public List<ParameterTensor> parameters() {
        int d = spec.inputs();
        return List.of(new ParameterTensor("layer0.weight", new long[] {d, 1}, new float[d]),
                new ParameterTensor("layer0.bias", new long[] {1}, new float[1]));
    }

    @Override
    public String engine() {
        return "none";
    }

    @Override
    public java.util.Optional<dev.driftwise.learner.input.FeatureStandardizer.Statistics> featureStatistics() {
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        // nothing held
    }
}
