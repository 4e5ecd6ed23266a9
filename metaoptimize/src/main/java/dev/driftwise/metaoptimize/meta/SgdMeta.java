package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

/** Meta SGD (spec §3.1): {@code β ← β − η z}; scale-dependent, the IDBD-style meta update. */
public final class SgdMeta implements MetaUpdate {

    private final double eta; // η: meta step size

    public SgdMeta(double eta) {
        this.eta = eta;
    }

    @Override
    public int moments() {
        return 0;
    }

    @Override
    public void update(NDArray beta, NDArray[] moments, NDArray z, long t) {
        beta.subi(z.mul(eta));
    }

    @Override
    public double updateOnHost(double beta, double[] moments, double z, long t) {
        return beta - eta * z;
    }

    @Override
    public String name() {
        return "sgd";
    }
}
