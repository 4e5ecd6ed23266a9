package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

/**
 * One meta optimizer on the log step sizes β (spec §3): an ordinary first-order optimizer whose
 * "gradient" is the meta-gradient z. β, z and the meta moments are float64 arrays of one shape
 * ({@code [m]} for scalar/blockwise step sizes, the tensor's shape for per-weight ones) on the
 * parameters' device; updates are in place. The sign convention is spec §1.5: β moves against z.
 */
public interface MetaUpdate {

    /** Number of moment arrays this rule keeps per β array. */
    int moments();

    /**
     * β ← MetaStep(β, z) in place.
     *
     * @param moments this β array's moments, zeros before the first update
     * @param t meta step counter, 1 on the first meta update (spec §8.4)
     */
    void update(NDArray beta, NDArray[] moments, NDArray z, long t);

    /**
     * The same rule on one block's β held on the host (scalar and blockwise step sizes), in double.
     *
     * @param moments this block's moments, updated in place
     * @return β_{t+1}
     */
    double updateOnHost(double beta, double[] moments, double z, long t);

    /** Short name used in {@code spec()}. */
    String name();

    /** Whether β can move at all (false only for {@code fixed}). */
    default boolean adapts() {
        return true;
    }
}
