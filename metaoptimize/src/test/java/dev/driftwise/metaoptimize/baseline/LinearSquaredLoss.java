package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import java.util.List;

/**
 * Squared loss f = ½(y − Σ_k w_k·x_k)² of a linear model whose weights are split over the tensors
 * of a layout: gradient (ŷ − y)·x and diagonal Hessian x², as tensors. Inputs are given flat, in
 * layout order, so a plain-array reference sees exactly the same numbers.
 */
final class LinearSquaredLoss {

    private final ParameterLayout layout;
    private final NDManager manager;
    private final DataType dtype;

    LinearSquaredLoss(ParameterLayout layout, NDManager manager, DataType dtype) {
        this.layout = layout;
        this.manager = manager;
        this.dtype = dtype;
    }

    /** Zero-initialised parameters of the layout. */
    NDList zeroParameters() {
        NDList params = new NDList();
        for (ParameterLayout.Entry e : layout.entries()) {
            NDArray p = manager.zeros(e.shape(), dtype);
            p.setName(e.name());
            params.add(p);
        }
        return params;
    }

    /** Splits a flat input vector into tensors shaped like the layout. */
    NDList inputs(double[] flat) {
        NDList x = new NDList();
        int offset = 0;
        for (ParameterLayout.Entry e : layout.entries()) {
            double[] part = new double[(int) e.size()];
            System.arraycopy(flat, offset, part, 0, part.length);
            offset += part.length;
            x.add(manager.create(part, e.shape()).toType(dtype, false));
        }
        return x;
    }

    static double predict(NDList parameters, NDList x) {
        double y = 0;
        for (int k = 0; k < parameters.size(); k++) {
            y += parameters.get(k).mul(x.get(k)).sum().toType(DataType.FLOAT64, false).getDouble();
        }
        return y;
    }

    /** ∇f = (ŷ − y)·x. */
    static NDList gradient(NDList x, double prediction, double target) {
        NDList g = new NDList();
        for (NDArray xi : x) {
            g.add(xi.mul(prediction - target));
        }
        return g;
    }

    static StepContext diagonalHessian(NDList x) {
        NDList d = new NDList();
        for (NDArray xi : x) {
            d.add(xi.square());
        }
        return StepContext.withDiagonalHessian(d);
    }

    static ParameterLayout twoTensors() {
        return ParameterLayout.of(List.of(
                new ParameterLayout.Entry("weight", new Shape(2, 2)),
                new ParameterLayout.Entry("extra", new Shape(3))));
    }

    /** Flattens parameters (layout order) into doubles. */
    static double[] flat(NDList parameters) {
        int total = 0;
        for (NDArray p : parameters) {
            total += (int) p.size();
        }
        double[] out = new double[total];
        int offset = 0;
        for (NDArray p : parameters) {
            double[] v = p.toType(DataType.FLOAT64, false).toDoubleArray();
            System.arraycopy(v, 0, out, offset, v.length);
            offset += v.length;
        }
        return out;
    }
}
