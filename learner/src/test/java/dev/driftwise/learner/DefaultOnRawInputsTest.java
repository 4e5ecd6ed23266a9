package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.model.ModelSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The regression default on raw (unstandardised) binary inputs, fifteen of which hold one value for 10,000 samples
 * at a time: inside a stretch those columns and the bias are one direction, the meta-gradient of their α keeps its
 * sign, and without a ceiling α grew until exp(β) overflowed (the stretches CSV of docs/benchmarks.md went NaN at
 * sample 278,687). With the default's α ≤ 10 it learns as well as a good fixed step.
 */
class DefaultOnRawInputsTest {

    private static final int SAMPLES = 300_000;

    /** MSE over the last 20,000 samples, or NaN when a prediction stopped being finite. */
    private static double lastMse(String optimizer) {
        SplittableRandom random = new SplittableRandom(2);
        double[] w = new double[20];
        for (int j = 0; j < w.length; j++) {
            w[j] = random.nextGaussian();
        }
        float[] x = new float[20];
        double squares = 0;
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.parse("{\"model\":\"linear\",\"inputs\":20,\"standardize\":false}"))
                .optimizer(optimizer).optEngine(EngineChoice.JVM).build()) {
            for (int t = 0; t < SAMPLES; t++) {
                if (t % 10_000 == 0) {
                    for (int j = 0; j < 15; j++) {
                        x[j] = random.nextInt(2);
                    }
                }
                double y = random.nextGaussian() * 0.5;
                for (int j = 0; j < 20; j++) {
                    if (j >= 15) {
                        x[j] = random.nextInt(2);
                    }
                    y += w[j] * x[j];
                }
                double error = learner.predictOne(x)[0] - y;
                if (!Double.isFinite(error)) {
                    return Double.NaN;
                }
                if (t >= SAMPLES - 20_000) {
                    squares += error * error;
                }
                learner.learnOne(x, y);
            }
            double[] alphas = learner.alphas();
            assertTrue(Arrays.stream(alphas).allMatch(a -> Double.isFinite(a) && a <= 10 * (1 + 1e-6)),
                    optimizer + ": α " + Arrays.toString(alphas));
        }
        return squares / 20_000;
    }

    @Test
    void theRegressionDefaultStaysFiniteAndLearnsOnLongConstantRawColumns() {
        double mse = lastMse("default");
        assertTrue(mse < 0.32, "default: MSE " + mse + " over the last 20,000 samples (noise variance 0.25; 0.287 measured)");
    }

    @Test
    void withoutTheCeilingTheSameConfigurationOverflows() {
        double mse = lastMse("metaoptimize(base=sgd,meta=lion,blocks=per-weight,trace=diagonal-hessian,gamma=0.9,alpha0=1,"
                + "eta=1e-3,eta-max=0.1,stability-cap=true,alpha-min=3e-5,alpha-max=none)");
        assertTrue(Double.isNaN(mse), "this stream is the one the ceiling exists for: without it the run should go non-finite, got MSE " + mse);
    }
}
