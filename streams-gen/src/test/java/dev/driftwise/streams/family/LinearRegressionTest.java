package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.driftwise.streams.GeneratedSample;
import org.junit.jupiter.api.Test;

class LinearRegressionTest {

    /** T3: y − w*·x is the label noise, N(0, 1): mean 0 and variance 1 within four standard errors. */
    @Test
    void residualAroundTheTrueWeightsHasUnitVariance() {
        LinearRegression t3 = new LinearRegression(20, 1.0, 1.0, new StreamRandoms(21));
        double[] w = t3.weights(0);
        GeneratedSample s = new GeneratedSample(20);
        int n = 100_000;
        double sum = 0;
        double sumSq = 0;
        for (int j = 0; j < n; j++) {
            t3.draw(0, s);
            double clean = 0;
            for (int i = 0; i < 20; i++) {
                clean += w[i] * s.features[i];
            }
            double e = s.target - clean;
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertEquals(0.0, mean, 4 / Math.sqrt(n), "noise mean");
        assertEquals(1.0, variance, 4 * Math.sqrt(2.0 / n), "noise variance (SE of a variance = sqrt(2/n))");
    }

    @Test
    void weightsAreStandardNormalAndDifferByConcept() {
        LinearRegression t3 = new LinearRegression(2000, 1.0, 1.0, new StreamRandoms(22));
        double[] w = t3.weights(0);
        double sumSq = 0;
        for (double v : w) {
            sumSq += v * v;
        }
        assertEquals(1.0, sumSq / w.length, 4 * Math.sqrt(2.0 / w.length), "variance of w* entries");
        assertNotEquals(w[0], t3.weights(1)[0], "concept 1 has its own w*");
    }
}
