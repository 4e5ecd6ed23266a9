package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.scenario.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * The built-in T1 is as hard as the published task (benchmarks.md, T1): over 10 seeds, MSE over samples
 * 20,001–30,000 of the best fixed-step LMS on the grid 2^-2 … 2^-9 lies near 3.4 (published ≈ 3.5,
 * replications 3.37–3.45), and IDBD (Sutton 1992, θ = 0.01, α0 = 0.05) near 1.5 (published ≈ 1.5,
 * replications 1.42–1.56). Both learners are plain reference loops, written here.
 */
class SuttonReferenceTest {

    private static final int RUNS = 10;

    @Test
    void bestFixedStepLmsAndIdbdMatchThePublishedScores() {
        double best = Double.POSITIVE_INFINITY;
        int bestExponent = -1;
        for (int e = 2; e <= 9; e++) { // the full grid 2^0 … 2^-16 peaks at 2^-5; the ends diverge or crawl
            double sum = 0;
            for (int r = 0; r < RUNS; r++) {
                sum += score(r, Math.pow(2, -e), 0);
            }
            double mean = Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum / RUNS;
            if (mean < best) {
                best = mean;
                bestExponent = e;
            }
        }
        assertTrue(best > 3.2 && best < 3.7, "best fixed-step LMS MSE " + best + " at α = 2^-" + bestExponent
                + "; published ≈ 3.5 (replications 3.37–3.45)");
        double idbd = 0;
        for (int r = 0; r < RUNS; r++) {
            idbd += score(r, 0.05, 0.01);
        }
        idbd /= RUNS;
        assertTrue(idbd > 1.35 && idbd < 1.75, "IDBD MSE " + idbd + "; published ≈ 1.5 (replications 1.42–1.56)");
    }

    /** MSE over samples 20,001–30,000; θ = 0 is LMS with step α0, θ &gt; 0 is IDBD from α0. */
    private static double score(long seed, double alpha0, double theta) {
        SampleStream stream = Scenarios.load("sutton", seed).streams().get(0);
        GeneratedSample s = new GeneratedSample(20);
        double[] w = new double[20];
        double[] beta = new double[20];
        double[] h = new double[20];
        java.util.Arrays.fill(beta, Math.log(alpha0));
        double squaredErrors = 0;
        for (int t = 1; t <= 30_000; t++) {
            stream.next(s);
            double prediction = 0;
            for (int i = 0; i < 20; i++) {
                prediction += w[i] * s.features[i];
            }
            double delta = s.target - prediction;
            if (t > 20_000) {
                squaredErrors += delta * delta;
            }
            for (int i = 0; i < 20; i++) {
                double x = s.features[i];
                double alpha = alpha0;
                if (theta > 0) { // Sutton (1992) IDBD, per input i
                    beta[i] += theta * delta * x * h[i];
                    alpha = Math.exp(beta[i]);
                    h[i] = h[i] * Math.max(0, 1 - alpha * x * x) + alpha * delta * x;
                }
                w[i] += alpha * delta * x;
            }
        }
        return squaredErrors / 10_000;
    }
}
