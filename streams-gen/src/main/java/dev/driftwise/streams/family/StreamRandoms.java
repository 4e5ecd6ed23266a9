package dev.driftwise.streams.family;

import java.util.SplittableRandom;

/**
 * The separate random substreams of one stream, all derived from its seed, so that common random
 * numbers hold across runs (benchmarks.md, "Conventions"): changing how often label noise is drawn
 * never shifts the inputs, and a drift schedule never changes which concepts exist.
 *
 * <ul>
 *   <li>{@link #inputs}: feature values (and anything else that picks an input, e.g. an RBF centroid);
 *   <li>{@link #drift}: concept changes: gradual-mixture draws, direction reversals of moving parameters;
 *   <li>{@link #noise}: label noise and feature perturbation;
 *   <li>{@link #conceptSeed}: the parameters of concept k come from {@link #forConcept(long)}, a pure
 *       function of (seed, k), whatever else the stream has drawn.
 * </ul>
 */
public final class StreamRandoms {

    public final SplittableRandom inputs;
    public final SplittableRandom drift;
    public final SplittableRandom noise;
    public final long conceptSeed;

    public StreamRandoms(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        this.inputs = root.split();
        this.drift = root.split();
        this.noise = root.split();
        this.conceptSeed = root.nextLong();
    }

    /** A fresh generator for the parameters of concept {@code key} (a concept id, or a reserved negative key). */
    public SplittableRandom forConcept(long key) {
        return new SplittableRandom(hash(key));
    }

    /** 64 well-mixed bits that depend only on the concept seed and {@code key}. */
    public long hash(long key) {
        return mix64(conceptSeed + (key + 1) * 0x9E3779B97F4A7C15L);
    }

    /** A seed derived from {@code seed} and {@code salt} (e.g. a stream's index in its scenario). */
    public static long combine(long seed, long salt) {
        return mix64(seed + (salt + 1) * 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64 finaliser (Steele, Lea & Flood 2014), the same mix SplittableRandom uses. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
