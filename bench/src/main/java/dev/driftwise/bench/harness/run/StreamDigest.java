package dev.driftwise.bench.harness.run;

import dev.driftwise.streams.GeneratedSample;

/**
 * A 64-bit fingerprint of the samples a learner saw (features and target, in order), so a report
 * can show that every method of run r met the same stream (common random numbers). Features go to four
 * running states in turn (feature i to state i mod 4), so the mixing of one does not wait on the one before:
 * one chain of SplitMix64 finalisers cost 0.4 µs per 100-feature sample, as much as T7's learner step.
 */
final class StreamDigest {

    private final long[] lanes = {0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L, 0x94D049BB133111EBL, 0xD6E8FEB86659FD93L};

    void add(GeneratedSample s) {
        float[] f = s.features;
        long h0 = lanes[0];
        long h1 = lanes[1];
        long h2 = lanes[2];
        long h3 = lanes[3];
        int i = 0;
        for (; i + 3 < f.length; i += 4) {
            h0 = mix(h0, Float.floatToIntBits(f[i]));
            h1 = mix(h1, Float.floatToIntBits(f[i + 1]));
            h2 = mix(h2, Float.floatToIntBits(f[i + 2]));
            h3 = mix(h3, Float.floatToIntBits(f[i + 3]));
        }
        for (; i < f.length; i++) {
            h0 = mix(h0, Float.floatToIntBits(f[i]));
        }
        lanes[0] = mix(h0, Double.doubleToLongBits(s.target));
        lanes[1] = h1;
        lanes[2] = h2;
        lanes[3] = h3;
    }

    /** SplitMix64's finaliser over state h and value v. */
    private static long mix(long h, long v) {
        long z = (h ^ v) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long value() {
        return mix(mix(mix(lanes[0], lanes[1]), lanes[2]), lanes[3]);
    }
}
