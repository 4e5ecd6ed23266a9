package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import org.junit.jupiter.api.Test;

class SeaTest {

    /**
     * 10 % label noise: on 100k samples per concept the label disagrees with a1 + a2 &gt; θ in 10 % of
     * samples, within four binomial standard errors (0.38 points); θ follows MOA's 8, 9, 7, 9.5.
     */
    @Test
    void labelNoiseIsTenPercentForEveryConcept() {
        Sea sea = new Sea(Sea.MOA_THRESHOLDS, 0.10, 0.1, new StreamRandoms(31));
        GeneratedSample s = new GeneratedSample(3);
        int n = 100_000;
        double[] theta = {8, 9, 7, 9.5};
        for (int concept = 0; concept < 4; concept++) {
            assertEquals(theta[concept], sea.threshold(concept), "θ of concept " + concept);
            int disagree = 0;
            int positives = 0;
            for (int j = 0; j < n; j++) {
                sea.draw(concept, s);
                double a1 = s.features[0] * 10.0;
                double a2 = s.features[1] * 10.0;
                for (float x : s.features) {
                    assertTrue(x >= 0 && x < 1.0f + 1e-6f, "scaled feature " + x + " outside [0, 1)");
                }
                int clean = a1 + a2 > theta[concept] ? 1 : 0;
                disagree += clean != (int) s.target ? 1 : 0;
                positives += (int) s.target;
            }
            double rate = disagree / (double) n;
            assertEquals(0.10, rate, 4 * Math.sqrt(0.09 / n), "noise rate of concept " + concept);
            // P(a1 + a2 > θ) for a1, a2 ~ U[0,10): triangle areas; noise pulls it towards 1/2
            double clean = theta[concept] <= 10 ? 1 - theta[concept] * theta[concept] / 200
                    : (20 - theta[concept]) * (20 - theta[concept]) / 200;
            double expected = 0.9 * clean + 0.1 * (1 - clean);
            assertEquals(expected, positives / (double) n, 4 * Math.sqrt(0.25 / n), "share of class 1, concept " + concept);
        }
    }
}
