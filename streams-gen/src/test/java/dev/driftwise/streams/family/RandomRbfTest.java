package dev.driftwise.streams.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.GeneratedSample;
import org.junit.jupiter.api.Test;

class RandomRbfTest {

    @Test
    void samplesSurroundTheCentroidsAndBothClassesAppear() {
        RandomRbf rbf = new RandomRbf(10, 2, 50, 50, new StreamRandoms(71));
        GeneratedSample s = new GeneratedSample(10);
        int ones = 0;
        int n = 20_000;
        for (int j = 0; j < n; j++) {
            rbf.draw(0, s);
            ones += (int) s.target;
            for (float x : s.features) {
                assertTrue(Math.abs(x - 0.5) < 5, "feature " + x + " is far from every centre in [0,1]");
            }
        }
        assertTrue(ones > n / 10 && ones < n * 9 / 10, "class 1 share " + ones / (double) n);
    }

    /** RandomRBFGeneratorDrift: a drifting centre moves a distance of exactly s per step and stays in [0,1]^d. */
    @Test
    void driftingCentresMoveAtTheGivenSpeedAndBounceInsideTheCube() {
        double speed = 0.01;
        RandomRbf rbf = new RandomRbf(5, 2, 4, 2, new StreamRandoms(72));
        double[] fixedBefore = rbf.centre(0, 3);
        for (int j = 0; j < 2_000; j++) {
            double[] before = rbf.centre(0, 0);
            rbf.move(0, speed);
            double[] after = rbf.centre(0, 0);
            double distance = 0;
            boolean clipped = false;
            for (int i = 0; i < 5; i++) {
                assertTrue(after[i] >= 0 && after[i] <= 1, "centre left [0,1]: " + after[i]);
                clipped |= after[i] == 0 || after[i] == 1;
                distance += (after[i] - before[i]) * (after[i] - before[i]);
            }
            if (!clipped) {
                assertEquals(speed, Math.sqrt(distance), 1e-12, "distance moved at step " + j);
            }
        }
        assertEquals(java.util.Arrays.toString(fixedBefore), java.util.Arrays.toString(rbf.centre(0, 3)),
                "centroid 3 is not among the 2 drifting ones");
    }
}
