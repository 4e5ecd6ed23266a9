package dev.driftwise.learner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windowed and faded metrics against a direct recomputation from the full history. */
class PrequentialMetricsTest {

    @Test
    void windowAndFadingMatchADirectRecomputation() {
        int window = 7;
        double alpha = 0.9;
        PrequentialMetrics metrics = new PrequentialMetrics(window, alpha, true);
        SplittableRandom random = new SplittableRandom(1);
        int n = 53;
        double[] losses = new double[n];
        boolean[] correct = new boolean[n];
        for (int t = 0; t < n; t++) {
            losses[t] = random.nextDouble() * (t < 10 ? 1e6 : 1); // huge early losses must leave the window cleanly
            correct[t] = random.nextBoolean();
            metrics.record(losses[t], correct[t]);

            int from = Math.max(0, t - window + 1);
            double sum = 0;
            int right = 0;
            double fadedLoss = 0;
            double fadedRight = 0;
            double weight = 0;
            for (int i = from; i <= t; i++) {
                sum += losses[i];
                right += correct[i] ? 1 : 0;
            }
            for (int i = 0; i <= t; i++) {
                double w = Math.pow(alpha, t - i);
                fadedLoss += w * losses[i];
                fadedRight += w * (correct[i] ? 1 : 0);
                weight += w;
            }
            MetricsSummary m = metrics.summary(t);
            int count = t - from + 1;
            assertEquals(sum / count, m.windowLoss(), 1e-9 * Math.max(1, sum / count), "window loss at t=" + t);
            assertEquals((double) right / count, m.windowAccuracy(), 1e-12, "window accuracy at t=" + t);
            assertEquals(fadedLoss / weight, m.fadingLoss(), 1e-9 * Math.max(1, fadedLoss / weight), "fading loss at t=" + t);
            assertEquals(fadedRight / weight, m.fadingAccuracy(), 1e-12, "fading accuracy at t=" + t);
            assertEquals(count, m.windowSamples());
            assertEquals(t + 1, m.samplesSeen());
        }
    }

    @Test
    void nonFiniteLossesAreCountedApartAndDoNotPoisonTheAverages() {
        PrequentialMetrics m = new PrequentialMetrics(3, 0.5, true);
        m.record(1, true);
        m.record(Double.POSITIVE_INFINITY, false);
        m.record(Double.NaN, false);
        m.record(3, false);
        MetricsSummary s = m.summary(4);
        assertEquals(4, s.samplesSeen());
        assertEquals(2, s.nonFiniteLosses());
        assertEquals(2, s.windowSamples());
        assertEquals(2.0, s.windowLoss(), 1e-12);
        assertEquals(0.5, s.windowAccuracy(), 1e-12);
        assertEquals((0.5 * 1 + 3) / (0.5 + 1), s.fadingLoss(), 1e-12);
    }

    @Test
    void emptyAndRegressionAreNaNAndSettingsAreChecked() {
        PrequentialMetrics regression = new PrequentialMetrics(10, 0.99, false);
        assertTrue(Double.isNaN(regression.summary(0).windowLoss()));
        regression.record(2, false);
        assertTrue(Double.isNaN(regression.summary(1).windowAccuracy()));
        assertEquals(2, regression.summary(1).fadingLoss(), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PrequentialMetrics(0, 0.9, true))
                .getMessage().contains("window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PrequentialMetrics(10, 1.5, true))
                .getMessage().contains("fading factor"));
    }
}
