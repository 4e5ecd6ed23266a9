package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

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
    public void update(NDArray beta, NDArray[] moments, NDArray z, long t) {
        NDArray v = moments[0];
        v.muli(lambda).addi(z.square());
        double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
        beta.subi(z.div(v.mul(mu).addi(EPSILON).sqrt()).muli(eta));
    }

    @Override
    public double updateOnHost(double beta, double[] moments, double z, long t) {
        moments[0] = lambda * moments[0] + z * z;
        double mu = (1 - lambda) / (1 - Math.pow(lambda, t));
        return beta - eta * z / Math.sqrt(mu * moments[0] + EPSILON);
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
