package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A scalar of the update equations (ρ, λ, ε, γ, μ_t, −α) kept as a tensor across steps. DJL's
 * {@code x.mul(0.9)} builds a 0-dim float64 tensor on every call (a fresh direct buffer, a JNI create,
 * the manager's bookkeeping, a JNI free), and op count, not size, dominates small steps (stack notes §8).
 * This is the same tensor, made once; a new value is copied into it (one JNI call, no new array), so
 * {@code x.mul(op.of(0.9))} computes exactly what {@code x.mul(0.9)} does, bit for bit.
 */
public final class ScalarOperand implements AutoCloseable {

    private final NDArray value;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(Double.BYTES).order(ByteOrder.nativeOrder());
    private long bits;

    /** On {@code manager}'s device, outside any open {@link NDScope}; {@link #close()} releases it. */
    public ScalarOperand(NDManager manager, double initial) {
        this.value = manager.create(initial); // the operand NDArray.mul(double) creates per call
        NDScope.unregister(value);
        this.bits = Double.doubleToRawLongBits(initial);
    }

    /** The operand holding {@code v}; it changes with the next call, so use it in the op at hand. */
    public NDArray of(double v) {
        long b = Double.doubleToRawLongBits(v);
        if (b != bits) {
            staging.putDouble(0, v).rewind();
            value.set(staging);
            bits = b;
        }
        return value;
    }

    @Override
    public void close() {
        value.close();
    }
}
