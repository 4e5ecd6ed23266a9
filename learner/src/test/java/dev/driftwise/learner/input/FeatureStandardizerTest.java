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
        s.transform(new float[] {(float) s.mean(0), (float) (s.mean(1) + 2 * Math.sqrt(s.variance(1))), 0}, 1, out);
        assertEquals(0, out[0], 1e-4, "the mean maps to 0");
        assertEquals(2, out[1], 1e-3, "two standard deviations above the mean map to 2");
        assertEquals(-FeatureStandardizer.LIMIT, out[2], 0, "700 standard deviations below are clipped");
    }

    /** The learner folds a batch in before it transforms it: the first sample of a raw 1e5-scale column is 0, not 1e5. */
    @Test
    void theFirstSampleIsCentredWhateverItsScale() {
        FeatureStandardizer s = new FeatureStandardizer(2);
        float[] first = {123_456f, -3e5f};
        s.update(first, 1);
        float[] out = new float[2];
        s.transform(first, 1, out);
        assertEquals(0, out[0], 0);
        assertEquals(0, out[1], 0);
        float[] second = {133_456f, -2e5f};
        s.update(second, 1);
        s.transform(second, 1, out);
        assertEquals(1, out[0], 1e-6, "two samples: ±1 standard deviation");
        assertEquals(1, out[1], 1e-6);
    }

    /** A column constant for 10,000 samples that then moves is √n ≈ 100 deviations out: clipped, so no learner sees 100. */
    @Test
    void aLongConstantColumnThatMovesIsClipped() {
        FeatureStandardizer s = new FeatureStandardizer(1);
        for (int i = 0; i < 10_000; i++) {
            s.update(new float[] {0}, 1);
        }
        float[] moved = {1};
        s.update(moved, 1);
        float[] out = new float[1];
        s.transform(moved, 1, out);
        assertEquals(FeatureStandardizer.LIMIT, out[0], 0, "raw z would be " + (1 - s.mean(0)) / Math.sqrt(s.variance(0)));
    }

    /** A stream and its shifted and rescaled twin (x → 1000x + 1e6) standardise to the same values. */
    @Test
    void shiftedAndRescaledTwinsLookTheSame() {
        FeatureStandardizer plain = new FeatureStandardizer(1);
        FeatureStandardizer twin = new FeatureStandardizer(1);
        SplittableRandom random = new SplittableRandom(3);
        float[] a = new float[1];
        float[] b = new float[1];
        for (int i = 0; i < 2000; i++) {
            float x = (float) random.nextGaussian();
            float[] xs = {x};
            float[] ys = {1000 * x + 1e6f};
            plain.update(xs, 1);
            twin.update(ys, 1);
            plain.transform(xs, 1, a);
            twin.transform(ys, 1, b);
            assertEquals(a[0], b[0], 1e-3 + 1e-3 * Math.abs(a[0]), "sample " + i);
        }
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
