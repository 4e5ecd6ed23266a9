package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * The gradient of this step's loss (same minibatch) at arbitrary weights. Used for Hessian-vector
 * products by central finite differences: {@code Hv ≈ (∇f(w + εv) − ∇f(w − εv)) / 2ε}.
 */
@FunctionalInterface
public interface GradientFunction {

    /**
     * Writes the gradient at {@code weights} into {@code gradients}; both are flat vectors of the
     * optimizer's layout on its engine (not the live parameters).
     */
    void gradientAt(Vec weights, Vec gradients);
}
