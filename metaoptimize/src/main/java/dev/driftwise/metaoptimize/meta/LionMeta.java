package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

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
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec scratch, long t) {
        Vec m = moments[0];
        engine.lincomb(scratch, c, m, 1 - c, z);
        engine.sign(scratch, scratch);
        engine.lincomb(beta, 1, beta, -eta, scratch);
        engine.lincomb(m, rho, m, 1 - rho, z);
    }

    @Override
    public String name() {
        return "lion";
    }
}
