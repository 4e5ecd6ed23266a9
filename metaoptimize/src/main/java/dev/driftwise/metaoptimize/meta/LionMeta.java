package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

/**
 * Meta Lion, {@code HF.py} form (spec §3.4): {@code β ← β − η sign(c̄ m̄ + (1 − c̄) z)} with the OLD
 * meta momentum, then {@code m̄ ← ρ̄ m̄ + (1 − ρ̄) z}. |Δβ| = η whenever the argument is non-zero;
 * sign(0) = 0, so β does not move at the first step (spec §8.7).
 */
public final class LionMeta implements MetaUpdate {

    private final double eta; // η: meta step size
    private final double rho; // ρ̄: meta momentum decay
    private final double c; // c̄: interpolation weight

    public LionMeta(double eta, double rho, double c) {
        this.eta = eta;
        this.rho = rho;
        this.c = c;
    }

    @Override
    public int moments() {
        return 1;
    }

    @Override
    public void update(NDArray beta, NDArray[] moments, NDArray z, long t) {
        NDArray m = moments[0];
        beta.subi(m.mul(c).addi(z.mul(1 - c)).signi().muli(eta));
        m.muli(rho).addi(z.mul(1 - rho));
    }

    @Override
    public double updateOnHost(double beta, double[] moments, double z, long t) {
        double next = beta - eta * Math.signum(c * moments[0] + (1 - c) * z);
        moments[0] = rho * moments[0] + (1 - rho) * z;
        return next;
    }

    @Override
    public String name() {
        return "lion";
    }
}
