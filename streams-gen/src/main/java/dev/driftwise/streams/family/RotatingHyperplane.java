package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T5, the rotating hyperplane of Hulten et al. (2001), following MOA's
 * {@code moa.streams.generators.HyperplaneGenerator}: x uniform in [0,1)^d; weights uniform in [0,1);
 * label 1 when Σ w_i x_i ≥ ½ Σ w_i; label noise flips the class with probability {@code noise};
 * while an incremental drift of magnitude t is active, after each sample every drifting weight moves
 * by σ_i·t and σ_i reverses with probability {@code reversalProbability} (MOA's addDrift, its
 * sigmaPercentage = 10 %). The first {@code driftingFeatures} weights drift (MOA numDriftAtts = 2).
 * Concept k is an independent weight vector. Differences from MOA: noise and reversal are fractions
 * drawn with nextDouble (MOA: whole percents with nextInt(100)), and inputs, reversals and noise use
 * separate random substreams.
 */
public final class RotatingHyperplane implements TaskFamily {

    public static final String NAME = "hyperplane";

    /** One concept: the weights and, for the drifting ones, their direction of motion σ. */
    static final class Plane {
        final double[] weights;
        final int[] sigma;

        Plane(int features) {
            weights = new double[features];
            sigma = new int[features];
        }
    }

    private final int features;
    private final int drifting;
    private final double noise;
    private final double reversal;
    private final StreamRandoms randoms;
    private final ConceptSlots<Plane> planes;

    public RotatingHyperplane(int features, int driftingFeatures, double noise, double reversalProbability,
                              StreamRandoms randoms) {
        this.features = features;
        this.drifting = driftingFeatures;
        this.noise = noise;
        this.reversal = reversalProbability;
        this.randoms = randoms;
        this.planes = new ConceptSlots<>(() -> new Plane(features), this::fillPlane);
    }

    static RotatingHyperplane from(FamilyParams p, StreamRandoms randoms) {
        int features = p.integer("features", 10, 1, 100_000);
        int drifting = p.integer("driftingFeatures", 2, 0, 100_000);
        if (drifting > features) {
            throw p.invalid("driftingFeatures", drifting, "at most features (" + features + ")");
        }
        return new RotatingHyperplane(features, drifting,
                p.number("noise", 0.05, 0.0, 1.0),
                p.number("reversalProbability", 0.10, 0.0, 1.0),
                randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return features; }
    @Override public String targetKind() { return "binary"; }
    @Override public boolean canMove() { return true; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        double[] w = planes.get(conceptId).weights;
        SplittableRandom in = randoms.inputs;
        float[] x = into.features;
        double sum = 0;
        double sumWeights = 0;
        for (int i = 0; i < features; i++) {
            x[i] = (float) in.nextDouble();
            sum += w[i] * x[i];
            sumWeights += w[i];
        }
        int label = sum >= 0.5 * sumWeights ? 1 : 0;
        if (noise > 0 && randoms.noise.nextDouble() < noise) {
            label = 1 - label;
        }
        into.target = label;
    }

    @Override
    public void move(int conceptId, double magnitude) {
        Plane plane = planes.get(conceptId);
        SplittableRandom r = randoms.drift;
        for (int i = 0; i < drifting; i++) {
            plane.weights[i] += plane.sigma[i] * magnitude;
            if (r.nextDouble() < reversal) {
                plane.sigma[i] = -plane.sigma[i];
            }
        }
    }

    /** The current weights of concept {@code conceptId} (a copy). */
    public double[] weights(int conceptId) {
        return planes.get(conceptId).weights.clone();
    }

    private void fillPlane(int id, Plane slot) {
        SplittableRandom r = randoms.forConcept(id);
        for (int i = 0; i < features; i++) {
            slot.weights[i] = r.nextDouble();
            slot.sigma[i] = i < drifting ? 1 : 0;
        }
    }
}
