package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One base optimizer (spec §2). Every base step here has the form {@code Δw = −α ⊙ d} where the
 * descent direction {@code d} already contains decoupled weight decay {@code κ·w}; the engine
 * multiplies by α, adds Δw to the weights and feeds the trace. That split is what makes
 * {@code ∂Δw/∂β = σ'(β) ⊙ (−d)} cheap for every base (spec §1.7).
 *
 * <p>Per-tensor state (moments) is created on the first step, on the parameter's manager and
 * device with the parameter's data type, and updated in place.
 */
public abstract class BaseUpdate implements AutoCloseable {

    /** κ: decoupled weight decay, scaled by the learned α (spec §2, §8.6). */
    protected final double weightDecay;
    private final int statesPerTensor;
    /** [tensor][k]: the k-th moment of each parameter tensor; null until the first step. */
    protected NDArray[][] state;

    protected BaseUpdate(double weightDecay, int statesPerTensor) {
        this.weightDecay = weightDecay;
        this.statesPerTensor = statesPerTensor;
    }

    /**
     * Returns the descent direction d of tensor {@code p} for base step {@code t} (1 on the first
     * step) and advances that tensor's moments in place. The caller must not modify the result in
     * place: for plain SGD it may be the gradient itself.
     */
    public abstract NDArray descent(int p, NDArray w, NDArray g, long t);

    /** Short name used in {@code spec()} (e.g. "adamw"). */
    public abstract String name();

    /**
     * Pushes the tangent {@code h} of w (and this base's auxiliary tangents) through the Jacobian
     * of the step just taken (spec §2.0, full trace). Called after {@link #descent} of the same
     * step, so the moments are the new ones. Returns the new, undiscounted-by-injection tangent
     * {@code γ·(∂w'/∂x)·X}; updates {@code aux} in place (also discounted by γ).
     *
     * @param alpha α of the tensor (broadcastable), hvp ∇²f·h of this column at w_t
     */
    public NDArray pushTangent(int p, NDArray alpha, NDArray h, NDArray[] aux, NDArray hvp, NDArray g,
            double gamma, long t) {
        throw new UnsupportedOperationException(name() + " has no full (Hessian) trace");
    }

    /** Auxiliary tangents the full trace keeps for this base (0 when unsupported or none). */
    public int tangentCount() {
        return 0;
    }

    /** Whether {@link #pushTangent} is implemented. */
    public boolean supportsFullTrace() {
        return false;
    }

    /** Creates the moments of every tensor (zeros like the parameters) if not yet there. */
    public void initialize(NDList parameters) {
        if (state != null || statesPerTensor == 0) {
            return;
        }
        NDArray[][] s = new NDArray[parameters.size()][statesPerTensor];
        for (int p = 0; p < parameters.size(); p++) {
            NDArray w = parameters.get(p);
            NDManager m = w.getManager();
            for (int k = 0; k < statesPerTensor; k++) {
                s[p][k] = m.zeros(w.getShape(), w.getDataType(), w.getDevice());
                NDScope.unregister(s[p][k]);
            }
        }
        state = s;
    }

    /** Every state tensor, for backup/restore by the non-finite safeguard. */
    public List<NDArray> stateArrays() {
        List<NDArray> all = new ArrayList<>();
        if (state != null) {
            for (NDArray[] perTensor : state) {
                all.addAll(List.of(perTensor));
            }
        }
        return all;
    }

    public void save(StateWriter out, int tensors) {
        out.writeBoolean(state != null);
        if (state != null) {
            for (NDArray[] perTensor : state) {
                for (NDArray a : perTensor) {
                    out.writeArray(a);
                }
            }
        }
    }

    public void restore(StateReader in, int tensors, NDManager manager) {
        close();
        if (!in.readBoolean() || statesPerTensor == 0) {
            return;
        }
        NDArray[][] s = new NDArray[tensors][statesPerTensor];
        for (int p = 0; p < tensors; p++) {
            for (int k = 0; k < statesPerTensor; k++) {
                s[p][k] = in.readArray(manager);
            }
        }
        state = s;
    }

    /** d + κ·w, or d itself when κ = 0 (spec §2: decoupled weight decay inside Δw). */
    protected NDArray withDecay(NDArray d, NDArray w) {
        return weightDecay == 0 ? d : d.addi(w.mul(weightDecay));
    }

    @Override
    public void close() {
        if (state != null) {
            for (NDArray[] perTensor : state) {
                for (NDArray a : perTensor) {
                    a.close();
                }
            }
            state = null;
        }
    }
}
