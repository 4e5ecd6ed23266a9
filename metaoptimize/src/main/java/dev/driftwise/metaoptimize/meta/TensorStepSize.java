package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;

/**
 * This step's α for one parameter tensor: a host double for scalar/blockwise step sizes (one value
 * per block, so the base step costs no extra op), or a device array for per-weight step sizes.
 */
public final class TensorStepSize {

    private final double host;
    private NDArray array;
    private final NDArray like;

    private TensorStepSize(double host, NDArray array, NDArray like) {
        this.host = host;
        this.array = array;
        this.like = like;
    }

    /** A block's α held on the host; {@code like} gives the dtype/device if an array is needed. */
    static TensorStepSize onHost(double alpha, NDArray like) {
        return new TensorStepSize(alpha, null, like);
    }

    /** Per-weight α, already in the parameter dtype. */
    static TensorStepSize onDevice(NDArray alpha) {
        return new TensorStepSize(Double.NaN, alpha, null);
    }

    /** {@code factor·α ⊙ x} as a new array. */
    public NDArray times(NDArray x, double factor) {
        return array == null ? x.mul(factor * host) : x.mul(factor == 1 ? array : array.mul(factor));
    }

    /** {@code x ← x ⊙ (a + b·α)} in place (e.g. the trace decay γ(1 − κα) = γ − γκ·α). */
    public NDArray affineInPlace(NDArray x, double a, double b) {
        return array == null ? x.muli(a + b * host) : x.muli(array.mul(b).addi(a));
    }

    /** α as an array (created on first use for a host α; in the current scope). */
    public NDArray array() {
        if (array == null) {
            array = like.getManager().create(host).toType(like.getDataType(), false).toDevice(like.getDevice(), false);
        }
        return array;
    }
}
