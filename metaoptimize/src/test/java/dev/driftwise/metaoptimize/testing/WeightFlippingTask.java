package dev.driftwise.metaoptimize.testing;

import java.util.Random;

/**
 * Task T1 of docs/benchmarks.md (Sutton 1992, the IDBD task), for optimizer tests: x ~ N(0, I_20),
 * y = Σ w*_i x_i with w*_1..5 ∈ {+1, −1} and w*_6..20 = 0, no noise; after every 20 samples one of
 * the five relevant weights, chosen uniformly, flips sign. Inputs and flips come from separate
 * random substreams, so two learners fed by two instances with one seed see the same stream.
 * (The streams-gen module has the production generator; this copy keeps the optimizer module free
 * of that dependency.)
 */
public final class WeightFlippingTask {

    public static final int INPUTS = 20;
    public static final int RELEVANT = 5;
    public static final int FLIP_PERIOD = 20;

    private final Random inputs;
    private final Random flips;
    private final double[] target = new double[INPUTS];
    private long produced;

    public WeightFlippingTask(long seed) {
        this.inputs = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        this.flips = new Random(seed * 0xC2B2AE3D27D4EB4FL + 2);
        for (int i = 0; i < RELEVANT; i++) {
            target[i] = flips.nextBoolean() ? 1.0 : -1.0;
        }
    }

    /** Fills {@code x} (length 20) with the next sample's inputs and returns its target. */
    public double next(double[] x) {
        if (produced > 0 && produced % FLIP_PERIOD == 0) {
            int k = flips.nextInt(RELEVANT);
            target[k] = -target[k];
        }
        double y = 0;
        for (int i = 0; i < INPUTS; i++) {
            x[i] = inputs.nextGaussian();
            y += target[i] * x[i];
        }
        produced++;
        return y;
    }

    /** The current true weights (a copy). */
    public double[] trueWeights() {
        return target.clone();
    }

    public long produced() {
        return produced;
    }
}
