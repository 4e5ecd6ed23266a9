package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.drift.DriftingStream;
import dev.driftwise.streams.scenario.Scenarios;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** T2 as the built-in {@code level-tracking} scenario generates it: the walk, the noise, the σ schedule, the ground truth. */
class LevelTrackingTest {

    private static final int SEGMENT = 50_000;

    private static DriftingStream open(long seed) {
        return (DriftingStream) Scenarios.load("level-tracking", seed).streams().get(0);
    }

    /**
     * Within each of four segments the increments z_{t+1} − z_t have mean 0 and standard deviation
     * σ_k (the ground truth the family publishes), and y − z is N(0, 1): within four standard errors.
     */
    @Test
    void incrementsHaveTheSegmentsSigmaAndTheNoiseIsUnit() {
        DriftingStream stream = open(3);
        LevelTracking family = (LevelTracking) stream.family();
        GeneratedSample s = new GeneratedSample(1);
        for (int k = 0; k < 4; k++) {
            double sigma = family.sigma(k);
            double sum = 0;
            double sumSq = 0;
            double noiseSum = 0;
            double noiseSq = 0;
            int n = SEGMENT;
            for (int j = 0; j < n; j++) {
                double before = family.level();
                stream.next(s);
                assertEquals(k, s.conceptId, "sample " + s.seq + " lies in segment " + k);
                assertEquals(1f, s.features[0], "x = 1");
                double e = s.target - before;
                noiseSum += e;
                noiseSq += e * e;
                double step = family.level() - before;
                sum += step;
                sumSq += step * step;
            }
            double variance = sumSq / n - (sum / n) * (sum / n);
            double se = sigma * sigma * Math.sqrt(2.0 / n);
            assertEquals(0.0, sum / n, 4 * sigma / Math.sqrt(n), "segment " + k + ": mean increment");
            assertEquals(sigma * sigma, variance, 4 * se + 1e-12, "segment " + k + ": increment variance = σ_k² with σ_k = " + sigma);
            assertEquals(0.0, noiseSum / n, 4 / Math.sqrt(n), "segment " + k + ": noise mean");
            assertEquals(1.0, noiseSq / n, 4 * Math.sqrt(2.0 / n), "segment " + k + ": noise variance");
        }
    }

    /** σ is redrawn exactly at 50,000, 100,000, …: the drift index steps there, and only there. */
    @Test
    void sigmaIsRedrawnEvery50000Samples() {
        DriftingStream stream = open(1);
        LevelTracking family = (LevelTracking) stream.family();
        GeneratedSample s = new GeneratedSample(1);
        int lastDrift = 0;
        for (long seq = 0; seq < 3L * SEGMENT + 10; seq++) {
            stream.next(s);
            int segment = (int) (seq / SEGMENT);
            assertEquals(segment, s.conceptId, "concept = segment at sample " + seq);
            assertEquals(segment, s.driftIndex, "drift index = segment at sample " + seq);
            boolean boundary = s.driftIndex != lastDrift;
            assertEquals(seq > 0 && seq % SEGMENT == 0, boundary, "a new segment starts at sample " + seq);
            assertEquals(boundary ? DriftPhase.ABRUPT : DriftPhase.STABLE, s.phase, "phase at sample " + seq);
            lastDrift = s.driftIndex;
        }
        Set<Double> sigmas = new HashSet<>();
        for (int k = 0; k < 20; k++) {
            double sigma = family.sigma(k);
            assertTrue(sigma >= 0 && sigma < 3, "σ_" + k + " = " + sigma + " in [0, 3)");
            sigmas.add(sigma);
        }
        assertEquals(20, sigmas.size(), "every segment draws its own σ");
    }

    /** σ_k ~ U(0, 3): over 2,000 segments the mean is 1.5 and the variance 9/12, within four standard errors. */
    @Test
    void sigmaIsUniformOnItsRange() {
        LevelTracking family = new LevelTracking(0, 3, 1, new StreamRandoms(8));
        int n = 2000;
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < n; k++) {
            double v = family.sigma(k);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        assertEquals(1.5, mean, 4 * Math.sqrt(0.75 / n), "mean of U(0, 3)");
        assertEquals(0.75, sumSq / n - mean * mean, 4 * Math.sqrt(0.45 / n), "variance of U(0, 3) is 0.75 (SE: sqrt((μ4 − σ⁴)/n), μ4 = 81/80)");
    }

    /** Same seed, same stream (across a segment boundary); another seed, another stream and other σ. */
    @Test
    void deterministicBySeed() {
        double[] a = targets(open(7), SEGMENT + 100);
        double[] b = targets(open(7), SEGMENT + 100);
        assertArrayEquals(a, b, "seed 7 twice");
        assertNotEquals(a[SEGMENT + 50], targets(open(8), SEGMENT + 100)[SEGMENT + 50], "seed 8 differs");
        assertEquals(((LevelTracking) open(7).family()).sigma(5), ((LevelTracking) open(7).family()).sigma(5), "σ_5 of seed 7");
        assertNotEquals(((LevelTracking) open(7).family()).sigma(5), ((LevelTracking) open(8).family()).sigma(5), "σ_5 of seed 8");
    }

    /** Common random numbers: the walk's unit steps do not depend on the σ range or the noise level. */
    @Test
    void theWalkUsesItsOwnSubstream() {
        LevelTracking narrow = new LevelTracking(1, 1, 1, new StreamRandoms(4));
        LevelTracking wide = new LevelTracking(2, 2, 0, new StreamRandoms(4));
        GeneratedSample s = new GeneratedSample(1);
        for (int j = 0; j < 1000; j++) {
            narrow.draw(0, s);
            wide.draw(0, s);
            assertEquals(2 * narrow.level(), wide.level(), 1e-9 * (1 + Math.abs(wide.level())), "z with σ = 2 is twice z with σ = 1 at " + j);
        }
    }

    @Test
    void aBadRangeNamesTheParameter() {
        String json = """
                {"streams": [{"id": "l", "family": "level", "params": {"sigmaMin": 2, "sigmaMax": 1}}]}""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.parse("t.json", "t", json, null));
        assertTrue(e.getMessage().contains("sigmaMin") && e.getMessage().contains("sigmaMax"), e.getMessage());
    }

    private static double[] targets(SampleStream stream, int n) {
        GeneratedSample s = new GeneratedSample(1);
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            stream.next(s);
            out[j] = s.target;
        }
        return out;
    }
}
