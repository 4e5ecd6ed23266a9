package dev.driftwise.metaoptimize.trace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.GradientFunction;

/**
 * Hessian-vector products by central finite differences of the step's gradient function:
 * {@code ∇²f·v ≈ (∇f(w + εv) − ∇f(w − εv)) / 2ε}, with ε chosen so that the perturbation has length
 * {@code δ·max(1, ‖w‖)}. Exact for quadratic losses up to rounding.
 */
final class FiniteDifferenceHvp {

    private final double relativeStep; // δ

    FiniteDifferenceHvp(double relativeStep) {
        this.relativeStep = relativeStep;
    }

    /** Default δ for a parameter dtype: balances truncation (δ²) against rounding (u/δ). */
    static double defaultStep(DataType type) {
        return type == DataType.FLOAT64 ? 1e-6 : 3e-3;
    }

    /**
     * ∇²f·v, or null when v = 0 (then the product is zero).
     *
     * @param wNorm ‖w‖ (computed once per step by the caller)
     */
    NDList apply(GradientFunction gradient, NDList w, double wNorm, NDList v) {
        double vNorm = Math.sqrt(squaredNorm(v));
        if (vNorm == 0) {
            return null;
        }
        double step = (relativeStep > 0 ? relativeStep : defaultStep(w.get(0).getDataType())) * Math.max(1, wNorm);
        double eps = step / vNorm;
        NDList plus = new NDList(w.size());
        NDList minus = new NDList(w.size());
        for (int p = 0; p < w.size(); p++) {
            plus.add(w.get(p).add(v.get(p).mul(eps)));
            minus.add(w.get(p).sub(v.get(p).mul(eps)));
        }
        NDList gPlus = gradient.gradientAt(plus);
        NDList gMinus = gradient.gradientAt(minus);
        if (gPlus == null || gMinus == null || gPlus.size() != w.size() || gMinus.size() != w.size()) {
            throw new IllegalArgumentException("gradientFunction must return one gradient per parameter tensor ("
                    + w.size() + "), got " + (gPlus == null ? null : gPlus.size()));
        }
        NDList hv = new NDList(w.size());
        for (int p = 0; p < w.size(); p++) {
            hv.add(gPlus.get(p).sub(gMinus.get(p)).divi(2 * eps));
        }
        plus.close();
        minus.close();
        gPlus.close();
        gMinus.close();
        return hv;
    }

    static double squaredNorm(NDList list) {
        double s = 0;
        for (NDArray a : list) {
            try (NDArray sq = a.toType(DataType.FLOAT64, true).square().sum()) {
                s += sq.getDouble();
            }
        }
        return s;
    }
}
