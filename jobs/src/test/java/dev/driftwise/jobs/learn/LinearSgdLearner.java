package dev.driftwise.jobs.learn;

import dev.driftwise.learner.input.SampleValidator;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Test reference learner: a linear model trained by plain SGD with one fixed step size, in plain Java: linear regression with
 * squared loss ½(y − ŷ)², or a softmax classifier with cross-entropy. The reference learner of the job's
 * plumbing (state, exactly-once, dead letters, rescaling) and the pipeline benchmark's cheapest learner;
 * the DJL learner with MetaOptimize sits behind the same interface.
 */
public final class LinearSgdLearner implements StreamLearner {

    private static final int FORMAT = 1;

    private final int d;
    private final int k;          // 0 = regression, else number of classes
    private final int outputs;
    private final double lr;
    private final float[] w;      // outputs × (d + 1), bias last
    private final double[] grad;
    private final double[] scores;
    private final SampleValidator validator;
    private long steps;

    public LinearSgdLearner(int features, int classes, double learningRate) {
        if (features < 1 || classes < 0 || classes == 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("features " + features + ", classes " + classes + ", lr " + learningRate
                    + ": need features >= 1, classes 0 (regression) or >= 2, lr > 0");
        }
        this.d = features;
        this.k = classes;
        this.outputs = classes == 0 ? 1 : classes;
        this.lr = learningRate;
        this.w = new float[outputs * (d + 1)];
        this.grad = new double[w.length];
        this.scores = new double[outputs];
        this.validator = new SampleValidator(classes == 0 ? ModelSpec.linearRegression(features)
                : ModelSpec.softmaxRegression(features, classes));
    }

    @Override
    public int featureCount() {
        return d;
    }

    @Override
    public int classes() {
        return k;
    }

    @Override
    public void check(float[] features, double target) {
        validator.check(features, target);
    }

    @Override
    public void learn(float[] x, double[] y, int n, double[] losses, boolean[] correct) {
        java.util.Arrays.fill(grad, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int o = 0; o < outputs; o++) {
                int base = o * (d + 1);
                double s = w[base + d];
                for (int j = 0; j < d; j++) {
                    s += (double) w[base + j] * x[row + j];
                }
                scores[o] = s;
            }
            if (k == 0) {
                double err = scores[0] - y[i];
                losses[i] = 0.5 * err * err;
                correct[i] = false;
                accumulate(0, err, x, row);
            } else {
                int label = (int) y[i];
                double max = Double.NEGATIVE_INFINITY;
                int argmax = 0;
                for (int o = 0; o < k; o++) {
                    if (scores[o] > max) {
                        max = scores[o];
                        argmax = o;
                    }
                }
                double z = 0;
                for (int o = 0; o < k; o++) {
                    scores[o] = Math.exp(scores[o] - max);
                    z += scores[o];
                }
                losses[i] = -Math.log(scores[label] / z);
                correct[i] = argmax == label;
                for (int o = 0; o < k; o++) {
                    accumulate(o, scores[o] / z - (o == label ? 1 : 0), x, row); // ∂CE/∂score = p − onehot
                }
            }
        }
        double scale = lr / n;
        for (int p = 0; p < w.length; p++) {
            w[p] = (float) (w[p] - scale * grad[p]);
        }
        steps++;
    }

    private void accumulate(int output, double delta, float[] x, int row) {
        int base = output * (d + 1);
        for (int j = 0; j < d; j++) {
            grad[base + j] += delta * x[row + j];
        }
        grad[base + d] += delta;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public List<ParameterTensor> parameters() {
        float[] weight = new float[outputs * d];
        float[] bias = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            System.arraycopy(w, o * (d + 1), weight, o * d, d);
            bias[o] = w[o * (d + 1) + d];
        }
        return List.of(new ParameterTensor("linear.weight", new long[] {outputs, d}, weight),
                new ParameterTensor("linear.bias", new long[] {outputs}, bias));
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        return List.of(new BlockStepSize("all", w.length, lr, Math.log(lr), lr, lr, 0.0, 0.0));
    }

    @Override
    public OptimizerSpec optimizer() {
        return new OptimizerSpec("sgd", Map.of("lr", Double.toString(lr)));
    }

    @Override
    public String modelSpec() {
        return k == 0 ? "linear:" + d : "softmax:" + d + ":" + k;
    }

    @Override
    public byte[] saveState() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 4 * w.length);
        b.putInt(FORMAT).putLong(steps).putInt(w.length);
        b.asFloatBuffer().put(w);
        return b.array();
    }

    @Override
    public void restoreState(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        int format = b.getInt();
        long savedSteps = b.getLong();
        int length = b.getInt();
        if (format != FORMAT || length != w.length) {
            throw new IllegalArgumentException("saved state has format " + format + " and " + length
                    + " weights; this " + modelSpec() + " learner reads format " + FORMAT + " with " + w.length);
        }
        b.asFloatBuffer().get(w);
        steps = savedSteps;
    }

    @Override
    public void close() {
        // plain Java arrays: nothing native to release
    }
}
