package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;

/**
 * Lion (spec §2.5): {@code d = sign(c·m_t + (1 − c)·g_t) + κw} with the OLD momentum, then
 * {@code m_{t+1} = ρ m_t + (1 − ρ) g_t}. c is the interpolation weight (0.9), ρ the momentum decay
 * (0.99); the paper's code calls c "Lion_beta2" (spec §8.12).
 */
public final class Lion extends BaseUpdate {

    private final double rho; // ρ: momentum decay
    private final double c; // c: interpolation weight

    public Lion(double rho, double c, double weightDecay) {
        super(weightDecay, 1);
        this.rho = rho;
        this.c = c;
    }

    @Override
    public NDArray descent(int p, NDArray w, NDArray g, long t) {
        NDArray m = state[p][0];
        NDArray d = withDecay(m.mul(c).addi(g.mul(1 - c)).signi(), w);
        m.muli(rho).addi(g.mul(1 - rho));
        return d;
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    public boolean supportsFullTrace() {
        return true;
    }

    // spec §2.5: sign has zero derivative, so the Lion trace is exact: h' = γ(1 − κα)h
    @Override
    public NDArray pushTangent(int p, NDArray alpha, NDArray h, NDArray[] aux, NDArray hvp, NDArray g,
            double gamma, long t) {
        NDArray next = h.mul(gamma);
        if (weightDecay != 0) {
            next.subi(h.mul(alpha).muli(weightDecay * gamma));
        }
        return next;
    }
}
