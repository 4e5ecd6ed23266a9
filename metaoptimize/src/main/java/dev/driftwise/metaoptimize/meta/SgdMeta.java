package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

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
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t) {
        engine.lincomb(beta, 1, beta, -eta, z);
    }

    @Override
    public String name() {
        return "sgd";
    }
}
