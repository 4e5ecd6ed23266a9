package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;

/**
 * Drives an optimizer and a plain-double reference learner over the same {@link LmsStream}, each
 * predicting with its own weights, and checks the weights agree to a relative 1e-9 at the end.
 */
final class AgainstReference {

    /** A linear learner written from the paper's equations in plain doubles. */
    interface PlainLearner {
        void learn(double[] x, double y);

        double[] weights();
    }

    private AgainstReference() {}

    /**
     * Runs {@code steps} samples on float64 parameters created in {@code manager} (which must stay
     * open while the optimizer's state is read); returns the final weights.
     */
    static double[] run(NDManager manager, OnlineOptimizer optimizer, PlainLearner reference, int steps, long seed) {
        ParameterLayout layout = optimizer.layout();
        int n = (int) layout.totalSize();
        {
            LinearSquaredLoss loss = new LinearSquaredLoss(layout, manager, DataType.FLOAT64);
            NDList params = loss.zeroParameters();
            LmsStream stream = new LmsStream(seed, n);
            double[] x = new double[n];
            for (int t = 0; t < steps; t++) {
                double y = stream.next(x);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDList xs = loss.inputs(x);
                    double prediction = LinearSquaredLoss.predict(params, xs);
                    optimizer.step(params, LinearSquaredLoss.gradient(xs, prediction, y), LinearSquaredLoss.diagonalHessian(xs));
                }
                reference.learn(x, y);
            }
            double[] actual = LinearSquaredLoss.flat(params);
            assertClose(reference.weights(), actual, 1e-9, "weights after " + steps + " steps");
            assertEquals(steps, optimizer.stepCount(), "steps applied");
            assertEquals(0, optimizer.skippedSteps(), "steps skipped");
            return actual;
        }
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = tol * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (tolerance " + allowed + ")");
            }
        }
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }
}
