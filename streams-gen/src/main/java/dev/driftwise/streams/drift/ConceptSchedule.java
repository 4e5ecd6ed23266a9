package dev.driftwise.streams.drift;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * When a stream switches concept, and to which: drift k (1-based) is centred at sample position
 * p_k (0-based sample index) and leads to concept c_k; c_0 is the initial concept. Width 0 is an
 * abrupt switch (samples p_k, p_k + 1, … come from c_k); width w &gt; 0 is MOA's gradual sigmoid
 * mixture (see {@link #newConceptProbability}). Positions are either a finite list or periodic (an
 * endless stream: T1's flip every 20 samples, T7's permutation every 10,000, a recurring A→B→A→B),
 * so a schedule answers position(k) and concept(k) for any k without storing them.
 */
public final class ConceptSchedule {

    /** position(k) when there is no drift k. */
    public static final long NEVER = Long.MAX_VALUE;

    private final int initialConcept;
    private final long[] positions;      // finite schedule, or null
    private final long start;            // periodic schedule: first drift
    private final long period;           // periodic schedule: spacing, or 0 for finite
    private final double width;
    private final IntUnaryOperator conceptOfDrift;

    private ConceptSchedule(int initialConcept, long[] positions, long start, long period, double width,
                            IntUnaryOperator conceptOfDrift) {
        this.initialConcept = initialConcept;
        this.positions = positions;
        this.start = start;
        this.period = period;
        this.width = width;
        this.conceptOfDrift = conceptOfDrift;
    }

    /** One concept for ever. */
    public static ConceptSchedule stationary(int concept) {
        return new ConceptSchedule(concept, new long[0], 0, 0, 0, k -> concept);
    }

    /** Drifts at the given increasing positions to the given concepts (one per position). */
    public static ConceptSchedule at(int initialConcept, long[] positions, int[] concepts, double width) {
        if (positions.length != concepts.length) {
            throw new IllegalArgumentException(positions.length + " positions but " + concepts.length + " concepts");
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0 || (i > 0 && positions[i] <= positions[i - 1])) {
                throw new IllegalArgumentException("positions must be ≥ 0 and increasing: " + Arrays.toString(positions));
            }
        }
        int[] targets = concepts.clone();
        return new ConceptSchedule(initialConcept, positions.clone(), 0, 0, checkWidth(width), k -> targets[k - 1]);
    }

    /** Drifts at start, start + period, start + 2·period, …; drift k leads to {@code conceptOfDrift(k)}. */
    public static ConceptSchedule every(int initialConcept, long start, long period, double width,
                                        IntUnaryOperator conceptOfDrift) {
        if (period <= 0 || start < 0) {
            throw new IllegalArgumentException("period must be > 0 and start ≥ 0; got period " + period + ", start " + start);
        }
        return new ConceptSchedule(initialConcept, null, start, period, checkWidth(width), conceptOfDrift);
    }

    /** A cycle through {@code concepts}, one period each, starting with concepts[0]: A→B→A→B…. */
    public static ConceptSchedule recurring(int[] concepts, long period, double width) {
        int[] cycle = concepts.clone();
        return every(cycle[0], period, period, width, k -> cycle[k % cycle.length]);
    }

    private static double checkWidth(double width) {
        if (!(width >= 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width must be ≥ 0 and finite; got " + width);
        }
        return width;
    }

    public int initialConcept() {
        return initialConcept;
    }

    /** 0 for abrupt drifts, else the sigmoid width w. */
    public double width() {
        return width;
    }

    /** Centre of drift k ≥ 1, or {@link #NEVER}. */
    public long position(int k) {
        if (positions != null) {
            return k <= positions.length ? positions[k - 1] : NEVER;
        }
        long offset = (long) (k - 1) * period;
        return offset > NEVER - start ? NEVER : start + offset;
    }

    /** Concept after drift k (k = 0: the initial concept). */
    public int concept(int k) {
        return k == 0 ? initialConcept : conceptOfDrift.applyAsInt(k);
    }

    /**
     * P(sample {@code seq} comes from the concept after drift k | it did not stop at an earlier drift).
     * Gradual: MOA ConceptDriftStream, P = 1/(1 + e^(−4(n − p)/w)) with n = seq + 1, MOA's 1-based count
     * of instances. Beyond |4(n − p)/w| &gt; 40 the sigmoid is within 5e-18 of 0 or 1, below the 2^-53
     * resolution of the uniform draw it is compared with, so it is returned as exactly 0 or 1.
     * Abrupt: 1 from seq = p on.
     */
    public double newConceptProbability(int k, long seq) {
        long p = position(k);
        if (p == NEVER) {
            return 0;
        }
        if (width == 0) {
            return seq >= p ? 1 : 0;
        }
        double x = 4.0 * ((double) (seq + 1) - (double) p) / width;
        if (x > 40) {
            return 1;
        }
        if (x < -40) {
            return 0;
        }
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * First sample counted as inside drift k, for the ground-truth phase: p for abrupt drifts,
     * p − w for gradual ones (from there to p + w the sigmoid runs from 0.018 to 0.982).
     */
    public long phaseStart(int k) {
        long p = position(k);
        return p == NEVER ? NEVER : Math.max(0, p - (long) Math.ceil(width));
    }

    /** First sample after the gradual phase of drift k (p + w), or p + 1 for an abrupt drift. */
    public long phaseEnd(int k) {
        long p = position(k);
        return p == NEVER ? NEVER : p + Math.max(1, (long) Math.ceil(width));
    }
}
