package dev.driftwise.learner.testing;

import dev.driftwise.learner.input.MicroBatch;
import java.util.SplittableRandom;

/** Deterministic synthetic streams for the learner's tests. */
public final class Streams {

    private Streams() {}

    /** y = Σ w*_j x_j + 0.5 + noise with w*_j = (j % 3) − 1 and x ~ N(0, I). */
    public static void fillLinear(MicroBatch batch, int n, SplittableRandom random, double noise) {
        int d = batch.featureCount();
        float[] row = new float[d];
        batch.clear();
        for (int s = 0; s < n; s++) {
            double y = 0.5;
            for (int j = 0; j < d; j++) {
                row[j] = (float) gaussian(random);
                y += ((j % 3) - 1) * row[j];
            }
            batch.add(row, y + noise * gaussian(random));
        }
    }

    /** Class 1 when x·u + 0.2 > 0 for a fixed u; labels flipped with probability {@code flip}. */
    public static void fillSeparable(MicroBatch batch, int n, SplittableRandom random, double flip) {
        int d = batch.featureCount();
        float[] row = new float[d];
        batch.clear();
        for (int s = 0; s < n; s++) {
            double score = 0.2;
            for (int j = 0; j < d; j++) {
                row[j] = (float) gaussian(random);
                score += (j % 2 == 0 ? 1 : -0.5) * row[j];
            }
            boolean label = score > 0;
            if (random.nextDouble() < flip) {
                label = !label;
            }
            batch.add(row, label ? 1 : 0);
        }
    }

    /** XOR of the signs of two uniform features in [−1, 1] (class 1 when they differ), features beyond two are noise. */
    public static void fillXor(MicroBatch batch, int n, SplittableRandom random) {
        int d = batch.featureCount();
        float[] row = new float[d];
        batch.clear();
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextDouble(-1, 1);
            }
            batch.add(row, (row[0] > 0) != (row[1] > 0) ? 1 : 0);
        }
    }

    /** Class = index of the largest of the first {@code classes} features plus a shift. */
    public static void fillMulticlass(MicroBatch batch, int n, int classes, SplittableRandom random) {
        int d = batch.featureCount();
        float[] row = new float[d];
        batch.clear();
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int j = 0; j < d; j++) {
                row[j] = (float) gaussian(random);
                if (j < classes && row[j] > row[best]) {
                    best = j;
                }
            }
            batch.add(row, best);
        }
    }

    public static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
