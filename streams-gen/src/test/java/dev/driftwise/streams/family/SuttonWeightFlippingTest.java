package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.scenario.Scenarios;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SuttonWeightFlippingTest {

    /**
     * Recovers w* from the data alone: 20 samples of a 20-feature noiseless linear task determine it
     * (a 20×20 solve). Each 20-sample block of the built-in T1 scenario must show five ±1 weights and
     * fifteen zeros, and consecutive blocks must differ in exactly one relevant sign.
     */
    @Test
    void exactlyOneRelevantWeightFlipsEveryTwentySamples() {
        SampleStream stream = Scenarios.load("sutton", 11L).streams().get(0);
        GeneratedSample s = new GeneratedSample(20);
        double[] previous = null;
        for (int block = 0; block < 60; block++) {
            double[][] a = new double[20][];
            double[] y = new double[20];
            for (int r = 0; r < 20; r++) {
                stream.next(s);
                a[r] = toDouble(s.features);
                y[r] = s.target;
                assertEquals(block, s.conceptId, "concept id = number of flips so far at seq " + s.seq);
                assertEquals(block, s.driftIndex, "drift index at seq " + s.seq);
                DriftPhase expected = block > 0 && r == 0 ? DriftPhase.ABRUPT : DriftPhase.STABLE;
                assertEquals(expected, s.phase, "phase at seq " + s.seq);
            }
            double[] w = solve(a, y);
            for (int i = 0; i < 20; i++) {
                double want = i < 5 ? Math.signum(w[i]) : 0;
                assertTrue(i < 5 ? Math.abs(Math.abs(w[i]) - 1) < 1e-6 : Math.abs(w[i]) < 1e-6,
                        "block " + block + ": recovered w* = " + Arrays.toString(w) + ", expected ±1 on 0..4 and 0 elsewhere");
                w[i] = want;
            }
            if (previous != null) {
                int changed = 0;
                for (int i = 0; i < 20; i++) {
                    changed += w[i] != previous[i] ? 1 : 0;
                }
                assertEquals(1, changed, "signs changed between block " + (block - 1) + " " + Arrays.toString(previous)
                        + " and block " + block + " " + Arrays.toString(w));
            }
            previous = w;
        }
    }

    @Test
    void theFlippedWeightIsUniformAmongTheRelevantOnes() {
        SuttonWeightFlipping t1 = new SuttonWeightFlipping(20, 5, 1.0, new StreamRandoms(3));
        int flips = 50_000;
        int[] counts = new int[5];
        for (int k = 1; k <= flips; k++) {
            counts[t1.flippedAt(k)]++;
        }
        double expected = flips / 5.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 20, "chi² with 4 d.o.f. = " + chi2 + " for counts " + Arrays.toString(counts) + " (99.95 % bound 20)");
    }

    @Test
    void inputScaleScalesTheInputs() {
        SuttonWeightFlipping t1 = new SuttonWeightFlipping(20, 5, 3.0, new StreamRandoms(5));
        GeneratedSample s = new GeneratedSample(20);
        double sumSq = 0;
        int n = 20_000;
        for (int j = 0; j < n; j++) {
            t1.draw(0, s);
            for (float x : s.features) {
                sumSq += x * x;
            }
        }
        double variance = sumSq / (n * 20.0);
        assertEquals(9.0, variance, 9.0 * 4 * Math.sqrt(2.0 / (n * 20)), "input variance with s = 3");
    }

    @Test
    void aConceptReachedAgainAfterEvictionIsTheSame() {
        SuttonWeightFlipping t1 = new SuttonWeightFlipping(20, 5, 1.0, new StreamRandoms(9));
        double[] w7 = t1.weights(7);
        for (int k = 8; k < 40; k++) {
            t1.weights(k); // walks forward, evicting concept 7 from the cache
        }
        assertEquals(Arrays.toString(w7), Arrays.toString(t1.weights(7)), "concept 7 rebuilt from scratch");
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Gaussian elimination with partial pivoting: the independent reference for w*. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] v = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tr = m[c]; m[c] = m[pivot]; m[pivot] = tr;
            double tv = v[c]; v[c] = v[pivot]; v[pivot] = tv;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
                v[r] -= f * v[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = v[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
