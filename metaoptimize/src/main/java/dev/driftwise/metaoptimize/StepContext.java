package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * Optional curvature information a caller can hand to a step. Hessian-free MetaOptimize needs
 * none; the diagonal-Hessian trace (IDBD), Autostep and the stability cap need the diagonal of the
 * Hessian (for squared loss on a linear model, x²); the full trace needs Hessian-vector products,
 * which it forms by finite differences of the gradient function.
 *
 * @param diagonalHessian the diagonal of ∇²f at the current weights, a flat vector of the layout, or null
 * @param gradientFunction the loss gradient at arbitrary weights (same minibatch), or null
 */
public record StepContext(Vec diagonalHessian, GradientFunction gradientFunction) {

    private static final StepContext NONE = new StepContext(null, null);

    public static StepContext none() {
        return NONE;
    }

    public static StepContext withDiagonalHessian(Vec diagonalHessian) {
        return new StepContext(diagonalHessian, null);
    }

    public static StepContext withGradientFunction(GradientFunction gradientFunction) {
        return new StepContext(null, gradientFunction);
    }
}
