package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * Lion (spec §2.5): {@code d = sign(c·m_t + (1 − c)·g_t) + κw} with the OLD momentum, then
 * {@code m_{t+1} = ρ m_t + (1 − ρ) g_t}. c is the interpolation weight (0.9), ρ the momentum decay
 * (0.99); the paper's code calls c "Lion_beta2" (spec §8.12).
 */
public final class Lion extends BaseUpdate {

    private final double rho; // ρ: momentum decay
    private final double c; // c: interpolation weight

    public Lion(Engine engine, int length, DType dtype, double rho, double c, double weightDecay) {
        super(engine, length, dtype, weightDecay, 1);
        this.rho = rho;
        this.c = c;
    }

    @Override
    public Vec descent(Vec w, Vec g, long t) {
        Vec m = moments[0];
        engine.lincomb(direction, c, m, 1 - c, g);
        engine.sign(direction, direction);
        addDecay(direction, w);
        engine.lincomb(m, rho, m, 1 - rho, g);
        return direction;
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
    public void pushTangent(Vec next, Vec h, Vec[] aux, Vec hvp, Vec g, Vec alpha, double gamma, long t, Vec[] scratch) {
        pushWeights(next, h, null, alpha, gamma);
    }
}
