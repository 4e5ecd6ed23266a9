package dev.driftwise.metaoptimize.meta;

import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * One meta optimizer on the log step sizes β (spec §3): an ordinary first-order optimizer whose
 * "gradient" is the meta-gradient z. β, z, the moments and the scratch vector are FLOAT64 vectors of
 * one length — m on the host (JVM engine) for scalar and blockwise step sizes, n on the model's engine
 * for per-weight ones — so each rule is written once for both. The sign convention is spec §1.5:
 * β moves against z.
 */
public interface MetaUpdate {

    /** Number of moment vectors this rule keeps (its state). */
    int moments();

    /** Number of scratch vectors one update needs. */
    default int scratchCount() {
        return 1;
    }

    /**
     * β ← MetaStep(β, z) in place.
     *
     * @param moments the moments, zeros before the first update
     * @param scratch {@link #scratchCount()} vectors of β's length this rule may overwrite
     * @param t meta step counter, 1 on the first meta update (spec §8.4)
     */
    void update(Engine engine, Vec beta, Vec[] moments, Vec z, Vec[] scratch, long t);

    /** Short name, e.g. "lion". */
    String name();

    /** Whether β can move at all (false only for {@code fixed}). */
    default boolean adapts() {
        return true;
    }
}
