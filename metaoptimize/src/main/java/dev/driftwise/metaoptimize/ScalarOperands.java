package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;

/**
 * A fixed number of {@link ScalarOperand} slots, each created on first use on the device of the array
 * it is first combined with, and released by {@link #close()} (after which they are made again when used).
 */
public final class ScalarOperands implements AutoCloseable {

    private final ScalarOperand[] slots;

    public ScalarOperands(int count) {
        this.slots = new ScalarOperand[count];
    }

    /** Slot {@code slot} holding {@code v}, on {@code like}'s manager. */
    public NDArray of(int slot, double v, NDArray like) {
        if (slots[slot] == null) {
            slots[slot] = new ScalarOperand(like.getManager(), v);
        }
        return slots[slot].of(v);
    }

    @Override
    public void close() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
    }
}
