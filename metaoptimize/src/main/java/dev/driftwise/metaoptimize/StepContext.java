package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDList;
import java.util.Optional;

/**
 * Optional curvature information a caller can hand to a step. Hessian-free MetaOptimize needs
 * none; IDBD and Autostep need the diagonal of the Hessian (for squared loss on a linear model,
 * x²); the full MetaOptimize trace needs Hessian-vector products, which it gets from DJL double
 * backward or, failing that, from central finite differences of the supplied gradient function.
 *
 * @param diagonalHessian per-parameter diagonal of ∇²f at the current weights, aligned with the
 *     layout, or null
 * @param gradientFunction the loss gradient at arbitrary weights (same minibatch), or null
 */
public record StepContext(NDList diagonalHessian, GradientFunction gradientFunction) {

    private static final StepContext NONE = new StepContext(null, null);

    public static StepContext none() {
        return NONE;
    }

    public static StepContext withDiagonalHessian(NDList diagonalHessian) {
        return new StepContext(diagonalHessian, null);
    }

    public static StepContext withGradientFunction(GradientFunction gradientFunction) {
        return new StepContext(null, gradientFunction);
    }

    public Optional<NDList> diagonalHessianIfAny() {
        return Optional.ofNullable(diagonalHessian);
    }

    public Optional<GradientFunction> gradientFunctionIfAny() {
        return Optional.ofNullable(gradientFunction);
    }
}
