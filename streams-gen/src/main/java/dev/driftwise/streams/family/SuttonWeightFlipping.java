package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T1, Sutton's (1992) weight-flipping task, the IDBD benchmark: x ~ N(0, s²·I_d), y = Σ w*_i x_i
 * with w*_1..r ∈ {+1, −1}, w*_{r+1..d} = 0, no noise. Concept k is the sign vector after k flips,
 * each flip changing the sign of one relevant weight chosen uniformly; the paper's "one flip every 20
 * samples" is the drift schedule {@code {"type": "abrupt", "every": 20}}.
 * The target is computed from the features as emitted (float), so the data fit w* exactly.
 */
public final class SuttonWeightFlipping implements TaskFamily {

    public static final String NAME = "sutton";

    private final int features;
    private final int relevant;
    private final double inputScale;
    private final StreamRandoms randoms;
    private final ConceptSlots<int[]> signs;

    public SuttonWeightFlipping(int features, int relevant, double inputScale, StreamRandoms randoms) {
        if (relevant > features) {
            throw new IllegalArgumentException("relevant = " + relevant + " exceeds features = " + features);
        }
        this.features = features;
        this.relevant = relevant;
        this.inputScale = inputScale;
        this.randoms = randoms;
        this.signs = new ConceptSlots<>(() -> new int[relevant], this::fillSigns);
    }

    static SuttonWeightFlipping from(FamilyParams p, StreamRandoms randoms) {
        int features = p.integer("features", 20, 1, 100_000);
        int relevant = p.integer("relevant", 5, 1, 100_000);
        if (relevant > features) {
            throw p.invalid("relevant", relevant, "at most features (" + features + ")");
        }
        return new SuttonWeightFlipping(features, relevant, p.number("inputScale", 1.0, 1e-12, 1e12), randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return features; }
    @Override public String targetKind() { return "regression"; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        int[] w = signs.get(conceptId);
        SplittableRandom in = randoms.inputs;
        float[] x = into.features;
        double y = 0;
        for (int i = 0; i < features; i++) {
            x[i] = (float) (inputScale * in.nextGaussian());
            if (i < relevant) {
                y += w[i] * (double) x[i];
            }
        }
        into.target = y;
    }

    /** w* of concept {@code conceptId}: ±1 on the relevant inputs, 0 elsewhere. */
    public double[] weights(int conceptId) {
        int[] w = signs.get(conceptId);
        double[] out = new double[features];
        for (int i = 0; i < relevant; i++) {
            out[i] = w[i];
        }
        return out;
    }

    /** Which relevant weight flip number {@code k} (1-based) changes: a pure function of (seed, k). */
    int flippedAt(int k) {
        return (int) ((randoms.hash(k) >>> 1) % relevant);
    }

    private void fillSigns(int id, int[] slot) {
        int from = signs.nearestCachedAtOrBelow(id);
        if (from >= 0) {
            System.arraycopy(signs.peek(from), 0, slot, 0, relevant);
        } else {
            SplittableRandom initial = randoms.forConcept(-1);
            for (int i = 0; i < relevant; i++) {
                slot[i] = initial.nextBoolean() ? 1 : -1;
            }
            from = 0;
        }
        for (int k = from + 1; k <= id; k++) {
            int i = flippedAt(k);
            slot[i] = -slot[i];
        }
    }
}
