package dev.driftwise.metaoptimize.trace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.TensorStepSize;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.List;

/**
 * The sensitivity trace H ≈ dw/dβ and the meta-gradient z = Hᵀg it yields (spec §1.5). One step:
 * {@link #metaGradient} with the trace from before the step (spec §8.1), {@link #beforeBaseStep}
 * while the weights are still w_t, {@link #update} per tensor after its base increment,
 * {@link #afterStep} once at the end.
 */
public interface Trace extends AutoCloseable {

    /** Creates the trace tensors (zeros like the parameters) if not yet there. */
    void initialize(NDList parameters);

    /**
     * z_t = H_tᵀ g_t, as float64 arrays: one {@code [m]} array for scalar/blockwise step sizes, or
     * one array per tensor (its shape) for per-weight step sizes.
     */
    NDList metaGradient(NDList gradients);

    /** Hook with the weights still at w_t (full trace: the Hessian-vector products). */
    default void beforeBaseStep(NDList parameters, NDList gradients, StepContext context, long t) {}

    /**
     * Advances tensor p's trace: decay, then add the injection ∂Δw/∂β = σ'(β)·(−d).
     *
     * @param alpha this step's α of the tensor
     * @param injection Δw for σ = exp, −d for σ = identity
     */
    void update(int p, TensorStepSize alpha, NDArray injection, NDArray gradient, StepContext context, long t);

    /** Hook at the end of a step (2×2: the Y update). */
    default void afterStep() {}

    /**
     * Copy of the trace column of step-size block j (weights outside the block are zero for the
     * single-vector traces), aligned with the layout; for per-weight step sizes the whole h.
     */
    NDList column(int j);

    /** Squared L2 norm of the trace per step-size block (column j for the full trace). */
    double[] squaredNorms();

    /** Sets the trace to zero (a documented deviation from the paper, off unless asked for). */
    void reset();

    List<NDArray> stateArrays();

    void save(StateWriter out);

    void restore(StateReader in, NDManager manager);

    @Override
    void close();
}
