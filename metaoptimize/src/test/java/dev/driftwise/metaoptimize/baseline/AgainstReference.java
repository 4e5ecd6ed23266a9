package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.Flat;

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

    /** Runs {@code steps} samples on FLOAT64 parameters on the optimizer's engine; returns the final weights. */
    static double[] run(OnlineOptimizer optimizer, PlainLearner reference, int steps, long seed) {
        Engine engine = optimizer.engine();
        int n = optimizer.layout().totalSize();
        try (LinearSquaredLoss loss = new LinearSquaredLoss(engine, n, DType.FLOAT64); Vec params = engine.zeros(n, DType.FLOAT64)) {
            LmsStream stream = new LmsStream(seed, n);
            double[] x = new double[n];
            for (int t = 0; t < steps; t++) {
                double y = stream.next(x);
                double prediction = loss.load(params, x);
                optimizer.step(params, loss.gradient(prediction, y), loss.diagonalHessian());
                reference.learn(x, y);
            }
            double[] actual = Flat.doubles(params);
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
