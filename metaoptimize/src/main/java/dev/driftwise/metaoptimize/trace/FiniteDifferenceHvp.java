package dev.driftwise.metaoptimize.trace;

import dev.driftwise.metaoptimize.GradientFunction;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * Hessian-vector products by central finite differences of the step's gradient function:
 * {@code ∇²f·v ≈ (∇f(w + εv) − ∇f(w − εv)) / 2ε}, with ε chosen so that the perturbation has length
 * {@code δ·max(1, ‖w‖)}. Exact for quadratic losses up to rounding.
 */
final class FiniteDifferenceHvp implements AutoCloseable {

    private final double relativeStep; // δ
    private final Engine engine;
    private final Vec plus;
    private final Vec minus;
    private final Vec gradientPlus;
    private final Vec gradientMinus;

    FiniteDifferenceHvp(double relativeStep, Engine engine, int length, DType dtype) {
        this.relativeStep = relativeStep > 0 ? relativeStep : defaultStep(dtype);
        this.engine = engine;
        this.plus = engine.zeros(length, dtype);
        this.minus = engine.zeros(length, dtype);
        this.gradientPlus = engine.zeros(length, dtype);
        this.gradientMinus = engine.zeros(length, dtype);
    }

    /** Default δ for a parameter dtype: balances truncation (δ²) against rounding (u/δ). */
    static double defaultStep(DType type) {
        return type == DType.FLOAT64 ? 1e-6 : 3e-3;
    }

    /**
     * Writes ∇²f·v into {@code out}; returns false (and leaves {@code out} alone) when v = 0, where
     * the product is zero.
     *
     * @param wNorm ‖w‖ (computed once per step by the caller)
     */
    boolean apply(GradientFunction gradient, Vec w, double wNorm, Vec v, Vec out) {
        double vNorm = Math.sqrt(engine.dot(v, v));
        if (vNorm == 0) {
            return false;
        }
        double eps = relativeStep * Math.max(1, wNorm) / vNorm;
        engine.lincomb(plus, 1, w, eps, v);
        engine.lincomb(minus, 1, w, -eps, v);
        gradient.gradientAt(plus, gradientPlus);
        gradient.gradientAt(minus, gradientMinus);
        engine.lincomb(out, 1 / (2 * eps), gradientPlus, -1 / (2 * eps), gradientMinus);
        return true;
    }

    @Override
    public void close() {
        plus.close();
        minus.close();
        gradientPlus.close();
        gradientMinus.close();
    }
}
