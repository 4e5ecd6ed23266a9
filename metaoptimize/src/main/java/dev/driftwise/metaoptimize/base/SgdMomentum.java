package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;

/**
 * SGD with momentum in the paper's/code's form (spec §2.2), with its one-step lag: the weight step
 * uses the momentum from before this gradient, {@code Δw = −α(m_t + κw)}, then
 * {@code m_{t+1} = ρ m_t + (1 − ρ) g_t}. The first step moves weights only by weight decay.
 */
public final class SgdMomentum extends BaseUpdate {

    private final double rho; // ρ: momentum decay

    public SgdMomentum(double rho, double weightDecay) {
        super(weightDecay, 1);
        this.rho = rho;
    }

    @Override
    public NDArray descent(int p, NDArray w, NDArray g, long t) {
        NDArray m = state[p][0];
        NDArray d = withDecay(m.duplicate(), w);
        m.muli(rho).addi(g.mul(1 - rho));
        return d;
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
    public NDArray pushTangent(int p, NDArray alpha, NDArray h, NDArray[] aux, NDArray hvp, NDArray g,
            double gamma, long t) {
        NDArray hm = aux[0];
        NDArray next = h.sub(hm.mul(alpha));
        if (weightDecay != 0) {
            next.subi(h.mul(alpha).muli(weightDecay));
        }
        hm.muli(rho).addi(hvp.mul(1 - rho)).muli(gamma);
        return next.muli(gamma);
    }
}
