package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T3, the stationary control: x ~ N(0, s²·I_d), y = w*·x + N(0, σ²), with w* ~ N(0, I) drawn once
 * per concept (a drift schedule may switch to a fresh w*; T3 itself has none). The target's clean part
 * is computed from the features as emitted (float).
 */
public final class LinearRegression implements TaskFamily {

    public static final String NAME = "linear";

    private final int features;
    private final double inputScale;
    private final double noiseStd;
    private final StreamRandoms randoms;
    private final ConceptSlots<double[]> weights;

    public LinearRegression(int features, double inputScale, double noiseStd, StreamRandoms randoms) {
        this.features = features;
        this.inputScale = inputScale;
        this.noiseStd = noiseStd;
        this.randoms = randoms;
        this.weights = new ConceptSlots<>(() -> new double[features], this::fillWeights);
    }

    static LinearRegression from(FamilyParams p, StreamRandoms randoms) {
        return new LinearRegression(
                p.integer("features", 20, 1, 100_000),
                p.number("inputScale", 1.0, 1e-12, 1e12),
                p.number("noiseStd", 1.0, 0.0, 1e12),
                randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return features; }
    @Override public String targetKind() { return "regression"; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        double[] w = weights.get(conceptId);
        SplittableRandom in = randoms.inputs;
        float[] x = into.features;
        double y = 0;
        for (int i = 0; i < features; i++) {
            x[i] = (float) (inputScale * in.nextGaussian());
            y += w[i] * (double) x[i];
        }
        into.target = y + noiseStd * randoms.noise.nextGaussian();
    }

    /** w* of concept {@code conceptId} (a copy). */
    public double[] weights(int conceptId) {
        return weights.get(conceptId).clone();
    }

    private void fillWeights(int id, double[] slot) {
        SplittableRandom r = randoms.forConcept(id);
        for (int i = 0; i < features; i++) {
            slot[i] = r.nextGaussian();
        }
    }
}
