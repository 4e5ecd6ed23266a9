package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.List;

/**
 * Squared loss f = ½(y − w·x)² of a linear model whose weights are the flat vector of a layout:
 * gradient (ŷ − y)·x and diagonal Hessian x², formed on the engine so the optimizer sees vectors of
 * its own kind, from host doubles a plain-array reference sees too.
 */
final class LinearSquaredLoss implements AutoCloseable {

    private final Engine engine;
    private final Vec x;
    private final Vec gradient;
    private final Vec diagonal;

    LinearSquaredLoss(Engine engine, int n, DType dtype) {
        this.engine = engine;
        this.x = engine.zeros(n, dtype);
        this.gradient = engine.zeros(n, dtype);
        this.diagonal = engine.zeros(n, dtype);
    }

    /** Loads a sample's inputs; returns the prediction w·x. */
    double load(Vec w, double[] inputs) {
        Flat.set(x, inputs);
        return engine.dot(w, x);
    }

    /** ∇f = (ŷ − y)·x for the loaded sample. */
    Vec gradient(double prediction, double target) {
        engine.scale(gradient, prediction - target, x);
        return gradient;
    }

    /** x² of the loaded sample. */
    StepContext diagonalHessian() {
        engine.mul(diagonal, 1, x, x);
        return StepContext.withDiagonalHessian(diagonal);
    }

    static ParameterLayout twoTensors() {
        return ParameterLayout.of(List.of(
                new ParameterLayout.Entry("weight", new int[] {2, 2}),
                new ParameterLayout.Entry("extra", new int[] {3})));
    }

    @Override
    public void close() {
        x.close();
        gradient.close();
        diagonal.close();
    }
}
