package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import org.junit.jupiter.api.Test;

class RotatingHyperplaneTest {

    /** 5 % label noise: disagreement with Σ w_i x_i ≥ ½ Σ w_i on 100k samples, within four standard errors. */
    @Test
    void labelNoiseIsFivePercent() {
        RotatingHyperplane t5 = new RotatingHyperplane(10, 2, 0.05, 0.10, new StreamRandoms(41));
        double[] w = t5.weights(0);
        double half = 0;
        for (double v : w) {
            half += 0.5 * v;
        }
        GeneratedSample s = new GeneratedSample(10);
        int n = 100_000;
        int disagree = 0;
        int positives = 0;
        for (int j = 0; j < n; j++) {
            t5.draw(0, s);
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                assertTrue(s.features[i] >= 0 && s.features[i] < 1, "feature outside [0,1): " + s.features[i]);
                sum += w[i] * s.features[i];
            }
            disagree += (sum >= half ? 1 : 0) != (int) s.target ? 1 : 0;
            positives += (int) s.target;
        }
        assertEquals(0.05, disagree / (double) n, 4 * Math.sqrt(0.05 * 0.95 / n), "noise rate");
        assertEquals(0.5, positives / (double) n, 0.02, "classes are near balance for a hyperplane through the centre");
    }

    /**
     * MOA addDrift: each step moves every drifting weight by exactly ±t, leaves the others alone, and
     * reverses a weight's direction with probability 10 %.
     */
    @Test
    void driftingWeightsMoveByTAndReverseTenPercentOfTheTime() {
        double t = 0.001;
        RotatingHyperplane t5 = new RotatingHyperplane(10, 3, 0.05, 0.10, new StreamRandoms(42));
        double[] before = t5.weights(0);
        double[] lastStep = new double[10];
        int steps = 50_000;
        int reversals = 0;
        int comparisons = 0;
        for (int j = 0; j < steps; j++) {
            t5.move(0, t);
            double[] after = t5.weights(0);
            for (int i = 0; i < 10; i++) {
                double step = after[i] - before[i];
                if (i < 3) {
                    assertEquals(t, Math.abs(step), 1e-12, "step of drifting weight " + i + " at move " + j);
                    if (j > 0) {
                        comparisons++;
                        reversals += Math.signum(step) != Math.signum(lastStep[i]) ? 1 : 0;
                    }
                    lastStep[i] = step;
                } else {
                    assertEquals(0.0, step, "weight " + i + " does not drift");
                }
            }
            before = after;
        }
        double rate = reversals / (double) comparisons;
        assertEquals(0.10, rate, 4 * Math.sqrt(0.09 / comparisons), "direction reversal rate");
    }
}
