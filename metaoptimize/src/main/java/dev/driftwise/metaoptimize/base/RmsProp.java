package dev.driftwise.metaoptimize.base;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * RMSProp in the code's form (spec §2.3): unnormalised accumulator {@code v ← λv + g²},
 * bias correction {@code μ_t = (1 − λ)/(1 − λ^t)}, ε = 1e-10 inside the square root,
 * {@code d = g / sqrt(μ_t v + ε) + κw}.
 */
public final class RmsProp extends BaseUpdate {

    static final double EPSILON = 1e-10;
    private final double lambda; // λ: second-moment decay

    public RmsProp(Engine engine, int length, DType dtype, double lambda, double weightDecay) {
        super(engine, length, dtype, weightDecay, 1);
        this.lambda = lambda;
    }

    @Override
    public Vec descent(Vec w, Vec g, long t) {
        Vec v = moments[0];
        engine.addcmul(v, lambda, v, 1, g, g);
        double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
        engine.normalize(direction, 1, g, v, mu, EPSILON, 0);
        addDecay(direction, w);
        return direction;
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
