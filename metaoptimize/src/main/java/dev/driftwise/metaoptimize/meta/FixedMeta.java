package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

/** "fixed" (spec §3.5): β stays at ln α0; MetaOptimize then is exactly its base optimizer. */
public final class FixedMeta implements MetaUpdate {

    @Override
    public int moments() {
        return 0;
    }

    @Override
    public void update(NDArray beta, NDArray[] moments, NDArray z, long t) {
        // no meta update by definition
    }

    @Override
    public double updateOnHost(double beta, double[] moments, double z, long t) {
        return beta;
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public boolean adapts() {
        return false;
    }
}
