package dev.driftwise.bench.harness.run;

import dev.driftwise.streams.GeneratedSample;

/**
 * A 64-bit fingerprint of the samples a learner saw (features and target, in order), so a report
 * can show that every method of run r met the same stream (common random numbers).
 */
final class StreamDigest {

    private long h = 0x9E3779B97F4A7C15L;

    void add(GeneratedSample s) {
        for (float f : s.features) {
            mix(Float.floatToIntBits(f));
        }
        mix(Double.doubleToLongBits(s.target));
    }

    private void mix(long v) {
        // SplitMix64 finaliser over the running state
        long z = (h ^ v) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        h = z ^ (z >>> 31);
    }

    long value() {
        return h;
    }
}
