package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;
import dev.driftwise.metaoptimize.ScalarOperand;

/**
 * This step's α for one parameter tensor: a host double for scalar/blockwise step sizes (one value
 * per block, so the base step costs no extra op), or a device array for per-weight step sizes.
 */
public final class TensorStepSize {

    private final double host;
    private NDArray array;
    private final NDArray negative; // −α for per-weight step sizes: Δw = d ⊙ (−α) is then one op
    private final NDArray like;
    private final ScalarOperand operand; // host α: the block's scalar operand, kept across steps

    private TensorStepSize(double host, NDArray negative, NDArray like, ScalarOperand operand) {
        this.host = host;
        this.negative = negative;
        this.like = like;
        this.operand = operand;
    }

    /**
     * A block's α held on the host; {@code like} gives the dtype/device if an array is needed, and
     * {@code operand} carries the scalars α enters the ops with.
     */
    static TensorStepSize onHost(double alpha, NDArray like, ScalarOperand operand) {
        return new TensorStepSize(alpha, null, like, operand);
    }

    /** Per-weight step sizes given as −α, already in the parameter dtype. */
    static TensorStepSize onDeviceNegated(NDArray negativeAlpha) {
        return new TensorStepSize(Double.NaN, negativeAlpha, null, null);
    }

    /** {@code factor·α ⊙ x} as a new array. */
    public NDArray times(NDArray x, double factor) {
        if (negative == null) {
            return x.mul(operand.of(factor * host));
        }
        return x.mul(factor == -1 ? negative : negative.mul(-factor));
    }

    /** {@code x ← x ⊙ (a + b·α)} in place (e.g. the trace decay γ(1 − κα) = γ − γκ·α). */
    public NDArray affineInPlace(NDArray x, double a, double b) {
        return negative == null ? x.muli(operand.of(a + b * host)) : x.muli(negative.mul(-b).addi(a));
    }

    /** α as an array (created on first use, in the current scope). */
    public NDArray array() {
        if (array == null && negative != null) {
            array = negative.neg();
        } else if (array == null) {
            array = like.getManager().create(host).toType(like.getDataType(), false).toDevice(like.getDevice(), false);
        }
        return array;
    }

    /** Releases the arrays of a cached (fixed-meta) step size. */
    void close() {
        if (negative != null) {
            negative.close();
        }
        if (array != null) {
            array.close();
        }
    }
}
