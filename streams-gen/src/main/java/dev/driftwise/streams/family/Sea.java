package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T6, the SEA concepts of Street &amp; Kim (2001), following MOA's {@code moa.streams.generators.SEAGenerator}:
 * three features uniform in [0,10); label 1 when a1 + a2 &gt; θ (MOA: class 0 when a1 + a2 ≤ θ); a3 is
 * irrelevant; label noise flips the class with probability {@code noise}. Concept k uses threshold
 * θ_k, by default MOA's four functions θ = 8, 9, 7, 9.5. Features are multiplied by
 * {@code featureScale} after the label is fixed (the T6 protocol divides by 10: featureScale 0.1).
 * Differences from MOA: noise is a fraction drawn with nextDouble (MOA: whole percent via nextInt(100)),
 * no class balancing, and noise has its own random substream.
 */
public final class Sea implements TaskFamily {

    public static final String NAME = "sea";
    static final double[] MOA_THRESHOLDS = {8, 9, 7, 9.5};

    private final double[] thresholds;
    private final double noise;
    private final double featureScale;
    private final StreamRandoms randoms;

    public Sea(double[] thresholds, double noise, double featureScale, StreamRandoms randoms) {
        this.thresholds = thresholds.clone();
        this.noise = noise;
        this.featureScale = featureScale;
        this.randoms = randoms;
    }

    static Sea from(FamilyParams p, StreamRandoms randoms) {
        double[] thresholds = p.numbers("thresholds", MOA_THRESHOLDS);
        for (double t : thresholds) {
            if (!(t >= 0 && t <= 20)) {
                throw p.invalid("thresholds", t, "thresholds in [0, 20] (a1 + a2 lies in [0, 20))");
            }
        }
        return new Sea(thresholds, p.number("noise", 0.10, 0.0, 1.0), p.number("featureScale", 1.0, 1e-12, 1e12), randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return 3; }
    @Override public String targetKind() { return "binary"; }
    @Override public int conceptCount() { return thresholds.length; }

    /** θ of concept {@code conceptId}. */
    public double threshold(int conceptId) {
        return thresholds[conceptId];
    }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        SplittableRandom in = randoms.inputs;
        double a1 = 10 * in.nextDouble();
        double a2 = 10 * in.nextDouble();
        double a3 = 10 * in.nextDouble();
        int label = a1 + a2 > thresholds[conceptId] ? 1 : 0;
        if (noise > 0 && randoms.noise.nextDouble() < noise) {
            label = 1 - label;
        }
        float[] x = into.features;
        x[0] = (float) (a1 * featureScale);
        x[1] = (float) (a2 * featureScale);
        x[2] = (float) (a3 * featureScale);
        into.target = label;
    }
}
