package dev.driftwise.metaoptimize.base;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp in the code's form (spec §2.3): unnormalised accumulator {@code v ← λv + g²},
 * bias correction {@code μ_t = (1 − λ)/(1 − λ^t)}, ε = 1e-10 inside the square root,
 * {@code d = g / sqrt(μ_t v + ε) + κw}.
 */
public final class RmsProp extends BaseUpdate {

    static final double EPSILON = 1e-10;
    private final double lambda; // λ: second-moment decay

    public RmsProp(double lambda, double weightDecay) {
        super(weightDecay, 1);
        this.lambda = lambda;
    }

    @Override
    public NDArray descent(int p, NDArray w, NDArray g, long t) {
        NDArray v = state[p][0];
        v.muli(lambda).addi(g.square());
        double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
        return withDecay(g.div(v.mul(mu).addi(EPSILON).sqrt()), w);
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
