package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * One base optimizer (spec §2) over the flat parameter vector. Every base step here has the form
 * {@code Δw = −α ⊙ d} where the descent direction {@code d} already contains decoupled weight decay
 * {@code κ·w}; the engine multiplies by α, adds Δw to the weights and feeds the trace. That split is
 * what makes {@code ∂Δw/∂β = σ'(β) ⊙ (−d)} cheap for every base (spec §1.7), and it lets the base
 * work on all tensors at once: α enters only afterwards.
 */
public abstract class BaseUpdate implements AutoCloseable {

    /** κ: decoupled weight decay, scaled by the learned α (spec §2, §8.6). */
    protected final double weightDecay;
    protected final Engine engine;
    /** The moments (zeros at first), in the parameters' dtype and flat layout. */
    protected final Vec[] moments;
    /** Scratch for d. */
    protected final Vec direction;

    protected BaseUpdate(Engine engine, int length, DType dtype, double weightDecay, int momentCount) {
        this.engine = engine;
        this.weightDecay = weightDecay;
        this.moments = new Vec[momentCount];
        for (int k = 0; k < momentCount; k++) {
            moments[k] = engine.zeros(length, dtype);
        }
        this.direction = engine.zeros(length, dtype);
    }

    /**
     * The descent direction d for base step {@code t} (1 on the first step); advances the moments.
     * The result is owned by this base (or is {@code g} itself): read it before the next call, never
     * write it.
     */
    public abstract Vec descent(Vec w, Vec g, long t);

    /** Short name, e.g. "adam". */
    public abstract String name();

    /** d ← d + κ·w (spec §2: decoupled weight decay inside Δw). */
    protected void addDecay(Vec d, Vec w) {
        if (weightDecay != 0) {
            engine.lincomb(d, 1, d, weightDecay, w);
        }
    }

    /** Auxiliary tangents the full trace keeps for this base (spec §2.0); 0 when unsupported or none. */
    public int tangentCount() {
        return 0;
    }

    /** Whether {@link #pushTangent} is implemented. */
    public boolean supportsFullTrace() {
        return false;
    }

    /**
     * Full trace (spec §2.0): writes {@code next = γ·(∂w'/∂x)·X} for one column, where X is the
     * tangent {@code h} of w with this base's auxiliary tangents {@code aux} (updated in place, also
     * discounted by γ). Called after {@link #descent} of the same step, so the moments are the new
     * ones.
     *
     * @param alpha α of every weight this step; {@code hvp} = ∇²f·h at w_t, or null for zero
     * @param scratch two buffers of the parameters' length
     */
    public void pushTangent(Vec next, Vec h, Vec[] aux, Vec hvp, Vec g, Vec alpha, double gamma, long t, Vec[] scratch) {
        throw new UnsupportedOperationException(name() + " has no full (Hessian) trace");
    }

    /** (1 − κα)·h − α⊙u into {@code next}, then ×γ: the shared tail of every full-trace push (u may be null). */
    protected void pushWeights(Vec next, Vec h, Vec u, Vec alpha, double gamma) {
        if (u == null) {
            engine.copy(next, h);
        } else {
            engine.addcmul(next, 1, h, -1, alpha, u);
        }
        if (weightDecay != 0) {
            engine.addcmul(next, 1, next, -weightDecay, alpha, h);
        }
        engine.scale(next, gamma, next);
    }

    /** Every state vector, in a fixed order: for save/restore and the non-finite safeguard. */
    public List<Vec> state() {
        return new ArrayList<>(List.of(moments));
    }

    @Override
    public void close() {
        for (Vec m : moments) {
            m.close();
        }
        direction.close();
    }
}
