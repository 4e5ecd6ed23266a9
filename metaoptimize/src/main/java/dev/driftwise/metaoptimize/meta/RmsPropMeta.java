package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * Meta RMSProp, code form (spec §3.2): {@code v̄ ← λ̄v̄ + z²}, {@code μ̄ = (1−λ̄)/(1−λ̄^t)},
 * {@code β ← β − η z / sqrt(μ̄ v̄ + 1e-10)}.
 */
public final class RmsPropMeta implements MetaUpdate {

    static final double EPSILON = 1e-10;
    private final double eta; // η: meta step size
    private final double lambda; // λ̄: meta second-moment decay

    public RmsPropMeta(double eta, double lambda) {
        this.eta = eta;
        this.lambda = lambda;
    }

    @Override
    public int moments() {
        return 1;
    }

    @Override
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t) {
        Vec v = moments[0];
        engine.addcmul(v, lambda, v, 1, z, z);
        engine.normalize(scratch[0], eta, z, v, (1 - lambda) / (1 - Math.pow(lambda, t)), EPSILON, 0);
        engine.lincomb(beta, 1, beta, -1, scratch[0]);
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
