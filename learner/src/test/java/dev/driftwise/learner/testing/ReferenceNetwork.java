package dev.driftwise.learner.testing;

import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;

/**
 * An independent double-precision model of a {@link ModelSpec}, written with plain loops, for
 * checking the NDArray code: mean batch loss at given weights (flat per tensor, layout order).
 */
public final class ReferenceNetwork {

    private final ModelSpec spec;

    public ReferenceNetwork(ModelSpec spec) {
        this.spec = spec;
    }

    /** Logits of one sample. */
    public double[] logits(double[][] params, float[] x) {
        double[] h = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            h[j] = x[j];
        }
        int stride = spec.bias() ? 2 : 1;
        for (int l = 0; l < spec.layerCount(); l++) {
            int in = spec.layerInputs(l);
            int out = spec.layerOutputs(l);
            double[] w = params[l * stride];
            double[] a = new double[out];
            for (int o = 0; o < out; o++) {
                double sum = spec.bias() ? params[l * stride + 1][o] : 0;
                for (int i = 0; i < in; i++) {
                    sum += h[i] * w[i * out + o]; // weight shape (in, out), row-major
                }
                a[o] = sum;
            }
            if (l < spec.layerCount() - 1) {
                for (int o = 0; o < out; o++) {
                    a[o] = spec.activation() == Activation.RELU ? Math.max(0, a[o]) : Math.tanh(a[o]);
                }
            }
            h = a;
        }
        return h;
    }

    /** The loss of one sample, from the textbook definitions. */
    public double loss(double[] z, double y) {
        if (spec.task() == Task.REGRESSION) {
            return 0.5 * (y - z[0]) * (y - z[0]);
        }
        if (spec.task() == Task.BINARY) {
            double p = 1 / (1 + Math.exp(-z[0]));
            return y == 1 ? -Math.log(p) : -Math.log(1 - p);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        return -Math.log(Math.exp(z[(int) y]) / sum);
    }

    public double meanLoss(double[][] params, float[][] xs, double[] ys) {
        double total = 0;
        for (int s = 0; s < xs.length; s++) {
            total += loss(logits(params, xs[s]), ys[s]);
        }
        return total / xs.length;
    }

    /** Central finite differences of the mean loss, step 1e-6, in double. */
    public double[][] numericGradient(double[][] params, float[][] xs, double[] ys) {
        double[][] grad = new double[params.length][];
        double eps = 1e-6;
        for (int t = 0; t < params.length; t++) {
            grad[t] = new double[params[t].length];
            for (int i = 0; i < params[t].length; i++) {
                double keep = params[t][i];
                params[t][i] = keep + eps;
                double up = meanLoss(params, xs, ys);
                params[t][i] = keep - eps;
                double down = meanLoss(params, xs, ys);
                params[t][i] = keep;
                grad[t][i] = (up - down) / (2 * eps);
            }
        }
        return grad;
    }
}
