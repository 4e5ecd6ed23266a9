package dev.driftwise.metaoptimize.trace;

import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;

/**
 * The sensitivity trace H ≈ dw/dβ and the meta-gradient z = Hᵀg it yields (spec §1.5), over the flat
 * parameter vector. One step: {@link #metaGradient} with the trace from before the step (spec §8.1),
 * {@link #beforeBaseStep} while the weights are still w_t, then per run of one block
 * {@link #updateRun} (or {@link #updatePerWeight} once), {@link #afterStep} at the end.
 */
public interface Trace extends AutoCloseable {

    /** z_t = H_tᵀ g_t into the step-size state (its host array, or its per-weight vector). */
    void metaGradient(Vec g, StepSizeState into);

    /** Hook with the weights still at w_t (full trace: the Hessian-vector products). */
    default void beforeBaseStep(Vec w, Vec g, StepContext context, long t) {}

    /**
     * Advances the trace of run {@code run} (weights of one block, α a scalar): decay, then add the
     * injection ∂Δw/∂β = k·d, k = −α for σ = exp and −1 for σ = identity.
     */
    void updateRun(int run, double alpha, double k, Vec d, StepContext context, long t);

    /** The same for per-weight step sizes: injection −α⊙d (σ = exp) or −d (σ = identity). */
    void updatePerWeight(Vec alpha, boolean exp, Vec d, StepContext context, long t);

    /** Hook at the end of a step (2×2: the Y update). */
    default void afterStep() {}

    /** Column j of the trace (H[:, j] ≈ dw/dβ_j) copied to the host, in the flat layout. */
    double[] column(int j);

    /** Squared L2 norm of the trace per step-size block (column j for the full trace). */
    double[] squaredNorms();

    /** Sets the trace to zero (a documented deviation from the paper, off unless asked for). */
    void reset();

    /** Every vector a step changes, in a fixed order (save/restore, the non-finite safeguard). */
    List<Vec> state();

    /** Host numbers a step changes (the full trace's Y), flattened; empty for the others. */
    default double[] hostState() {
        return new double[0];
    }

    default void restoreHostState(double[] values) {}

    @Override
    void close();
}
