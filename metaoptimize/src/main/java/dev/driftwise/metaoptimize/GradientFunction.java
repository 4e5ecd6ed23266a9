package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDList;

/**
 * The gradient of this step's loss (same minibatch) at arbitrary weights. Used for
 * Hessian-vector products by central finite differences when the engine offers no double
 * backward: {@code Hv ≈ (∇f(w + εv) − ∇f(w − εv)) / 2ε}.
 */
@FunctionalInterface
public interface GradientFunction {

    /**
     * @param weights tensors aligned with the optimizer's layout (not the live parameters)
     * @return the gradients at {@code weights}, aligned with the layout; the caller closes them
     */
    NDList gradientAt(NDList weights);
}
