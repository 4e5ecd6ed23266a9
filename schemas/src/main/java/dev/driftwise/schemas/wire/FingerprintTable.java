package dev.driftwise.schemas.wire;

/**
 * A long-keyed map for the decode hot path: reads are lock-free and allocate nothing (no boxing of the
 * fingerprint); writes, which happen once per writer schema, copy the table under a lock.
 */
final class FingerprintTable<V> {

    private static final class Slots {
        final long[] keys;
        final Object[] values;
        final int size;

        Slots(int capacity, int size) {
            this.keys = new long[capacity];
            this.values = new Object[capacity];
            this.size = size;
        }
    }

    private volatile Slots slots = new Slots(16, 0);

    @SuppressWarnings("unchecked")
    V get(long key) {
        Slots s = slots;
        int mask = s.keys.length - 1;
        for (int i = index(key, mask); ; i = (i + 1) & mask) {
            Object value = s.values[i];
            if (value == null) {
                return null;
            }
            if (s.keys[i] == key) {
                return (V) value;
            }
        }
    }

    /** Stores the value unless the key is present; returns whichever value the table holds afterwards. */
    synchronized V putIfAbsent(long key, V value) {
        V present = get(key);
        if (present != null) {
            return present;
        }
        Slots old = slots;
        int capacity = old.keys.length;
        while ((old.size + 1) * 2 > capacity) { // keep the load factor <= 1/2 so probes stay short
            capacity *= 2;
        }
        Slots next = new Slots(capacity, old.size + 1);
        for (int i = 0; i < old.keys.length; i++) {
            if (old.values[i] != null) {
                insert(next, old.keys[i], old.values[i]);
            }
        }
        insert(next, key, value);
        slots = next;
        return value;
    }

    private static void insert(Slots s, long key, Object value) {
        int mask = s.keys.length - 1;
        int i = index(key, mask);
        while (s.values[i] != null) {
            i = (i + 1) & mask;
        }
        s.keys[i] = key;
        s.values[i] = value;
    }

    private static int index(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // fingerprints are already CRCs; the multiply spreads low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
