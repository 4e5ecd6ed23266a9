package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T2, level tracking: the rate-tracking task of Degris, Javed, Sharifnassab, Liu &amp; Sutton (2024),
 * "Step-size optimization for continual learning". One input x = 1; the target is a level that
 * walks, seen through unit noise:
 * <pre>
 *   y_t = z_t + N(0, ν²)            ν: noiseStd (1)
 *   z_{t+1} = z_t + N(0, σ_k²)      z_0 = 0
 * </pre>
 * Concept k is segment k, whose walk rate σ_k ~ U(sigmaMin, sigmaMax) (U(0, 3)) is a pure function of
 * (seed, k): {@link #sigma(int)}. The level z carries over from one segment to the next; only its
 * rate changes. The paper's "σ redrawn every 50,000 samples" is the drift schedule
 * {@code {"type": "abrupt", "every": 50000}} (built-in scenario {@code level-tracking}), so the
 * segment is the sample's ground-truth concept id, as T1's flips and T7's permutations are.
 *
 * <p>Random substreams: the walk's unit steps ε_t come from a generator of their own (concept key
 * {@link #WALK_KEY}), the observation noise from the noise substream, so the level path does not
 * shift when the noise or the schedule changes, and z_{t+1} − z_t = σ_k·ε_t for the same ε_t whatever
 * the σ range. With x = 1 the best step size of an LMS learner in segment k is α*(σ_k) (see
 * {@code benchmarks.md}, T2).
 */
public final class LevelTracking implements TaskFamily {

    public static final String NAME = "level";

    /** The reserved concept key of the walk's unit steps. */
    static final long WALK_KEY = -2;

    private final double sigmaMin;
    private final double sigmaMax;
    private final double noiseStd;
    private final StreamRandoms randoms;
    private final SplittableRandom walk;
    private double level;
    private int cachedConcept = -1;
    private double cachedSigma;

    public LevelTracking(double sigmaMin, double sigmaMax, double noiseStd, StreamRandoms randoms) {
        if (!(sigmaMin <= sigmaMax)) {
            throw new IllegalArgumentException("sigmaMin = " + sigmaMin + " exceeds sigmaMax = " + sigmaMax);
        }
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        this.noiseStd = noiseStd;
        this.randoms = randoms;
        this.walk = randoms.forConcept(WALK_KEY);
    }

    static LevelTracking from(FamilyParams p, StreamRandoms randoms) {
        double min = p.number("sigmaMin", 0.0, 0.0, 1e6);
        double max = p.number("sigmaMax", 3.0, 0.0, 1e6);
        if (min > max) {
            throw p.invalid("sigmaMin", min, "at most sigmaMax (" + max + ")");
        }
        return new LevelTracking(min, max, p.number("noiseStd", 1.0, 0.0, 1e6), randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return 1; }
    @Override public String targetKind() { return "regression"; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        into.features[0] = 1f;
        into.target = level + noiseStd * randoms.noise.nextGaussian();
        if (conceptId != cachedConcept) { // a segment lasts 50,000 samples: draw σ_k once, not per sample
            cachedSigma = sigma(conceptId);
            cachedConcept = conceptId;
        }
        level += cachedSigma * walk.nextGaussian();
    }

    /**
     * σ_k, the walk's rate in segment {@code k}: the generator's ground truth, for scoring against the
     * best step size α*(σ_k). A pure function of (seed, k); costs one hash and one draw.
     */
    public double sigma(int k) {
        return sigmaMin + (sigmaMax - sigmaMin) * randoms.forConcept(k).nextDouble();
    }

    /** z_t: the level the next sample is drawn around (its clean target). */
    public double level() {
        return level;
    }
}
