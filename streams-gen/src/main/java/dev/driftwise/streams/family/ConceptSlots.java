package dev.driftwise.streams.family;

import java.util.function.Supplier;

/**
 * A small least-recently-used cache of concept parameters in preallocated slots, so switching
 * between concepts (every 20 samples in T1, every sample during a gradual mixture) allocates nothing.
 * A concept evicted and asked for again is rebuilt from its seed: parameters it had moved through an
 * incremental drift start over. Four slots hold the two concepts of a gradual drift and the
 * neighbours a family steps from.
 */
final class ConceptSlots<S> {

    /** Writes the parameters of concept {@code id} into {@code slot}. */
    interface Filler<S> {
        void fill(int id, S slot);
    }

    static final int CAPACITY = 4;

    private final Object[] slots = new Object[CAPACITY];
    private final int[] ids = new int[CAPACITY];
    private final long[] lastUse = new long[CAPACITY];
    private final Filler<S> filler;
    private long clock;

    ConceptSlots(Supplier<S> factory, Filler<S> filler) {
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = factory.get();
            ids[i] = -1;
        }
        this.filler = filler;
    }

    /** The parameters of concept {@code id}, built on first use. */
    @SuppressWarnings("unchecked")
    S get(int id) {
        int victim = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (ids[i] == id) {
                lastUse[i] = ++clock;
                return (S) slots[i];
            }
            if (lastUse[i] < lastUse[victim]) {
                victim = i;
            }
        }
        ids[victim] = -1; // the filler may look for neighbours; never offer it the slot being overwritten
        filler.fill(id, (S) slots[victim]);
        ids[victim] = id;
        lastUse[victim] = ++clock;
        return (S) slots[victim];
    }

    /** The cached concept with the largest id ≤ {@code id}, or -1: lets a family step forward from a neighbour. */
    int nearestCachedAtOrBelow(int id) {
        int best = -1;
        for (int cached : ids) {
            if (cached >= 0 && cached <= id && cached > best) {
                best = cached;
            }
        }
        return best;
    }

    /** The slot of a cached concept (see {@link #nearestCachedAtOrBelow}); does not change recency. */
    @SuppressWarnings("unchecked")
    S peek(int id) {
        for (int i = 0; i < CAPACITY; i++) {
            if (ids[i] == id) {
                return (S) slots[i];
            }
        }
        throw new IllegalStateException("concept " + id + " is not cached");
    }
}
