package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * SGD with momentum in the paper's/code's form (spec §2.2), with its one-step lag: the weight step
 * uses the momentum from before this gradient, {@code Δw = −α(m_t + κw)}, then
 * {@code m_{t+1} = ρ m_t + (1 − ρ) g_t}. The first step moves weights only by weight decay.
 */
public final class SgdMomentum extends BaseUpdate {

    private final double rho; // ρ: momentum decay

    public SgdMomentum(Engine engine, int length, DType dtype, double rho, double weightDecay) {
        super(engine, length, dtype, weightDecay, 1);
        this.rho = rho;
    }

    @Override
    public Vec descent(Vec w, Vec g, long t) {
        Vec m = moments[0];
        engine.copy(direction, m);
        addDecay(direction, w);
        engine.lincomb(m, rho, m, 1 - rho, g);
        return direction;
    }

    @Override
    public String name() {
        return "sgdm";
    }

    @Override
    public boolean supportsFullTrace() {
        return true;
    }

    @Override
    public int tangentCount() {
        return 1;
    }

    // spec §2.2: h' = γ[(1 − κα)h − α h^m], h^m' = γ[ρ h^m + (1 − ρ) ∇²f·h]
    @Override
    public void pushTangent(Vec next, Vec h, Vec[] aux, Vec hvp, Vec g, Vec alpha, double gamma, long t, Vec[] scratch) {
        Vec hm = aux[0];
        pushWeights(next, h, hm, alpha, gamma);
        if (hvp == null) {
            engine.scale(hm, rho * gamma, hm);
        } else {
            engine.lincomb(hm, rho, hm, 1 - rho, hvp);
            engine.scale(hm, gamma, hm);
        }
    }
}
