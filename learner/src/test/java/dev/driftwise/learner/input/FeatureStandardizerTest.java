package dev.driftwise.learner.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Welford's running statistics against a two-pass computation, and the prequential transform. */
class FeatureStandardizerTest {

    @Test
    void runningMeanAndVarianceEqualTwoPass() {
        int d = 3;
        int n = 500;
        SplittableRandom random = new SplittableRandom(8);
        float[] rows = new float[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (1000 + 5 * random.nextDouble()); // large offset: the naive Σx² formula loses digits here
        }
        FeatureStandardizer s = new FeatureStandardizer(d);
        s.update(rows, 200);
        float[] rest = new float[(n - 200) * d];
        System.arraycopy(rows, 200 * d, rest, 0, rest.length);
        s.update(rest, n - 200);
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += rows[i * d + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (rows[i * d + j] - mean) * (rows[i * d + j] - mean);
            }
            var /= n;
            assertEquals(mean, s.mean(j), 1e-9, "mean of feature " + j);
            assertEquals(var, s.variance(j), 1e-9, "variance of feature " + j);
        }
        float[] out = new float[d];
        s.transform(new float[] {(float) s.mean(0), 0, 0}, 1, out);
        assertEquals(0, out[0], 1e-4, "the mean maps to 0");
        assertEquals((0 - s.mean(1)) / Math.sqrt(s.variance(1)), out[1], 1e-3);
    }

    @Test
    void beforeTwoSamplesItOnlyCentres() {
        FeatureStandardizer s = new FeatureStandardizer(1);
        float[] out = new float[1];
        s.transform(new float[] {4}, 1, out);
        assertEquals(4, out[0], 0, "no statistics yet: unchanged");
        s.update(new float[] {3}, 1);
        s.transform(new float[] {4}, 1, out);
        assertEquals(1, out[0], 0, "one sample: centred only");
    }

    @Test
    void aStandardizerRebuiltFromItsStatisticsTransformsBitForBit() {
        int d = 4;
        SplittableRandom random = new SplittableRandom(3);
        float[] rows = new float[300 * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (1e5 * (i % d) + random.nextGaussian() * (1 + i % d));
        }
        FeatureStandardizer original = new FeatureStandardizer(d);
        original.update(rows, 300);
        FeatureStandardizer.Statistics stats = original.statistics();
        stats.mean()[0] = 42; // a copy: changing it must not touch the original
        FeatureStandardizer rebuilt = FeatureStandardizer.of(original.statistics());
        float[] expected = new float[rows.length];
        float[] actual = new float[rows.length];
        original.transform(rows, 300, expected);
        rebuilt.transform(rows, 300, actual);
        assertArrayEquals(expected, actual, 0f);
        assertEquals(300, rebuilt.count());
    }

    @Test
    void statisticsFromOutsideAreCheckedAndTheProblemNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new FeatureStandardizer.Statistics(5, new double[] {0, Double.NaN}, new double[] {1, 1}));
        assertTrue(nan.getMessage().contains("feature 1: mean NaN"), nan.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new FeatureStandardizer.Statistics(5, new double[] {0}, new double[] {-1}));
        assertTrue(negative.getMessage().contains("m2 -1.0"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureStandardizer.Statistics(-1, new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new FeatureStandardizer.Statistics(1, new double[1], new double[2]));
    }
}
