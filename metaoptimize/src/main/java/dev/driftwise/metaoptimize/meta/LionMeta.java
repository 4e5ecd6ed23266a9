package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * Meta Lion, {@code HF.py} form (spec §3.4): {@code β ← β − η sign(c̄ m̄ + (1 − c̄) z)} with the OLD
 * meta momentum, then {@code m̄ ← ρ̄ m̄ + (1 − ρ̄) z}. |Δβ| = η whenever the argument is non-zero;
 * sign(0) = 0, so β does not move at the first step (spec §8.7).
 *
 * <p>With an adaptive meta step (a deviation from the paper, off unless {@code etaMax} is set): each β
 * has its own η, which grows by {@code growth} while the direction u = sign(…) keeps its sign and the
 * current meta-gradient agrees with it, halves when u flips or sign(z) opposes u, and otherwise stays,
 * within [η, etaMax] — Rprop's rule on Lion's smoothed direction. From a poor α0 or after an abrupt
 * drift α then crosses decades in a few hundred steps instead of ln(ratio)/η; near its target the
 * direction flips and η falls back. The check against sign(z) matters: z scales with α, so after a fast
 * descent the momentum m̄ (built when z was large) would keep pushing α down for thousands of steps
 * while every new z asks for more; without it α fell to 0 on level tracking (docs/benchmarks.md).
 */
public final class LionMeta implements MetaUpdate {

    static final double SHRINK = 0.5;

    private final double eta; // η: meta step size (the smallest one when adaptive)
    private final double rho; // ρ̄: meta momentum decay
    private final double c; // c̄: interpolation weight
    private final double etaMax;
    private final double growth;
    private final boolean adaptive;

    public LionMeta(double eta, double rho, double c) {
        this(eta, rho, c, Double.NaN, 1);
    }

    public LionMeta(double eta, double rho, double c, double etaMax, double growth) {
        this.eta = eta;
        this.rho = rho;
        this.c = c;
        this.etaMax = etaMax;
        this.growth = growth;
        this.adaptive = !Double.isNaN(etaMax);
    }

    /** m̄; when adaptive also η − η_min and the last non-zero direction. */
    @Override
    public int moments() {
        return adaptive ? 3 : 1;
    }

    @Override
    public int scratchCount() {
        return adaptive ? 4 : 1;
    }

    @Override
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t) {
        Vec m = moments[0];
        Vec u = scratch[0];
        engine.lincomb(u, c, m, 1 - c, z);
        engine.sign(u, u);
        if (!adaptive) {
            engine.lincomb(beta, 1, beta, -eta, u);
        } else {
            Vec extra = moments[1]; // η − η_min: zero at first, so every η starts at the paper's
            Vec previous = moments[2];
            Vec factor = scratch[1];
            Vec step = scratch[2];
            Vec evidence = scratch[3];
            // agreement a = min(u·u_prev, u·sign(z)) ∈ {−1, 0, 1}; factor = 1 + b·a + d·|a|: growth, shrink or 1
            engine.sign(evidence, z);
            engine.mul(evidence, 1, u, evidence);
            engine.mul(factor, 1, u, previous);
            engine.lincomb(step, 1, factor, -1, evidence); // min(a, e) = (a + e − |a − e|) / 2
            engine.abs(step, step);
            engine.lincomb(factor, 0.5, factor, 0.5, evidence);
            engine.lincomb(factor, 1, factor, -0.5, step);
            engine.abs(step, factor);
            engine.lincomb(factor, (growth - SHRINK) / 2, factor, (growth + SHRINK) / 2 - 1, step);
            engine.addScalar(factor, factor, 1);
            engine.addScalar(step, extra, eta);
            engine.mul(step, 1, step, factor);
            engine.maxScalar(step, step, eta);
            engine.minScalar(step, step, etaMax);
            engine.addScalar(extra, step, -eta);
            engine.addcmul(beta, 1, beta, -1, step, u); // β ← β − η ⊙ u
            engine.abs(factor, u); // the last non-zero direction: u where u ≠ 0, else the previous one
            engine.scale(factor, -1, factor);
            engine.addScalar(factor, factor, 1);
            engine.addcmul(previous, 1, u, 1, factor, previous);
        }
        engine.lincomb(m, rho, m, 1 - rho, z);
    }

    @Override
    public String name() {
        return "lion";
    }
}
