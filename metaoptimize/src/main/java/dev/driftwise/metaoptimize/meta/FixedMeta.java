package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/** No meta update (spec §3.5): β stays at σ⁻¹(α0), MetaOptimize is exactly its base optimizer. */
public final class FixedMeta implements MetaUpdate {

    @Override
    public int moments() {
        return 0;
    }

    @Override
    public void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t) {}

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public boolean adapts() {
        return false;
    }
}
