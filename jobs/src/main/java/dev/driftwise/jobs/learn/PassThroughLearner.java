package dev.driftwise.jobs.learn;

import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Learns nothing: every sample costs zero loss and the model stays at zero. The pipeline
 * benchmark's baseline, so the cost of learning can be told from the cost of Kafka and Flink.
 */
public final class PassThroughLearner implements StreamLearner {

    private final int d;
    // Checks samples as a regression on d features would, so the baseline pays the same validation
    // as a real learner and rejects the same records (wrong count, NaN, infinity).
    private final SampleValidator validator;
    private long steps;

    public PassThroughLearner(int features) {
        this.d = features;
        this.validator = new SampleValidator(ModelSpec.linearRegression(features));
    }

    @Override
    public int featureCount() {
        return d;
    }

    @Override
    public int classes() {
        return 0;
    }

    @Override
    public void check(float[] features, double target) {
        validator.check(features, target);
    }

    @Override
    public void learn(float[] features, double[] targets, int n, double[] losses, boolean[] correct) {
        Arrays.fill(losses, 0, n, 0.0);
        Arrays.fill(correct, 0, n, false);
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public List<ParameterTensor> parameters() {
        return List.of(new ParameterTensor("none", new long[] {d}, new float[d]));
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return List.of();
    }

    @Override
    public OptimizerSpec optimizer() {
        return new OptimizerSpec("none", Map.of());
    }

    @Override
    public String modelSpec() {
        return "passthrough:" + d;
    }

    @Override
    public byte[] saveState() {
        return ByteBuffer.allocate(8).putLong(steps).array();
    }

    @Override
    public void restoreState(byte[] state) {
        steps = ByteBuffer.wrap(state).getLong();
    }

    @Override
    public void close() {
        // nothing held
    }
}
