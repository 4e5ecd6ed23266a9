package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * Random radial-basis-function classes with moving centroids, following MOA's
 * {@code moa.streams.generators.RandomRBFGenerator} and {@code RandomRBFGeneratorDrift}. A concept is
 * a set of centroids, each with a centre uniform in [0,1)^d, a class, a standard deviation and a
 * weight, all uniform draws. A sample picks a centroid with probability proportional to its weight,
 * a direction uniform in [−1,1)^d and a length N(0,1)·stdDev (MOA nextInstance). While an incremental
 * drift of magnitude s is active, the first {@code driftingCentroids} centres move by s along a unit
 * speed vector after each sample and bounce off the faces of [0,1]^d (MOA: speedChange; MOA moves
 * before it draws, we after, so the first sample comes from the unmoved centres). Differences from
 * MOA: MOA reseeds its model random to draw the speed vectors (so they repeat the first centres'
 * coordinates); we continue the concept's own random numbers. No label noise, as in MOA.
 */
public final class RandomRbf implements TaskFamily {

    public static final String NAME = "rbf";

    /** One concept's centroids. */
    static final class Centroids {
        final double[][] centre;
        final double[][] speed;
        final int[] label;
        final double[] stdDev;
        final double[] cumulativeWeight;

        Centroids(int count, int features) {
            centre = new double[count][features];
            speed = new double[count][features];
            label = new int[count];
            stdDev = new double[count];
            cumulativeWeight = new double[count];
        }
    }

    private final int features;
    private final int classes;
    private final int centroids;
    private final int drifting;
    private final StreamRandoms randoms;
    private final ConceptSlots<Centroids> concepts;
    private final double[] direction;

    public RandomRbf(int features, int classes, int centroids, int driftingCentroids, StreamRandoms randoms) {
        this.features = features;
        this.classes = classes;
        this.centroids = centroids;
        this.drifting = Math.min(driftingCentroids, centroids);
        this.randoms = randoms;
        this.direction = new double[features];
        this.concepts = new ConceptSlots<>(() -> new Centroids(centroids, features), this::fillCentroids);
    }

    static RandomRbf from(FamilyParams p, StreamRandoms randoms) {
        return new RandomRbf(
                p.integer("features", 10, 1, 100_000),
                p.integer("classes", 2, 2, 10_000),
                p.integer("centroids", 50, 1, 100_000),
                p.integer("driftingCentroids", 50, 0, 100_000),
                randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return features; }
    @Override public String targetKind() { return classes == 2 ? "binary" : "multiclass:" + classes; }
    @Override public boolean canMove() { return true; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        Centroids c = concepts.get(conceptId);
        SplittableRandom in = randoms.inputs;
        int k = pick(c.cumulativeWeight, in.nextDouble());
        double magnitude = 0;
        for (int i = 0; i < features; i++) {
            double v = in.nextDouble() * 2.0 - 1.0;
            direction[i] = v;
            magnitude += v * v;
        }
        double scale = in.nextGaussian() * c.stdDev[k] / Math.sqrt(magnitude);
        double[] centre = c.centre[k];
        float[] x = into.features;
        for (int i = 0; i < features; i++) {
            x[i] = (float) (centre[i] + direction[i] * scale);
        }
        into.target = c.label[k];
    }

    @Override
    public void move(int conceptId, double magnitude) {
        Centroids c = concepts.get(conceptId);
        for (int j = 0; j < drifting; j++) {
            double[] centre = c.centre[j];
            double[] speed = c.speed[j];
            for (int i = 0; i < features; i++) {
                centre[i] += speed[i] * magnitude;
                if (centre[i] > 1) {
                    centre[i] = 1;
                    speed[i] = -speed[i];
                } else if (centre[i] < 0) {
                    centre[i] = 0;
                    speed[i] = -speed[i];
                }
            }
        }
    }

    /** The centre of centroid {@code k} in concept {@code conceptId} (a copy). */
    public double[] centre(int conceptId, int k) {
        return concepts.get(conceptId).centre[k].clone();
    }

    /** MOA MiscUtils.chooseRandomIndexBasedOnWeights, on precomputed cumulative weights. */
    private static int pick(double[] cumulative, double u) {
        double target = u * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // first index whose cumulative weight exceeds the target
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void fillCentroids(int id, Centroids slot) {
        SplittableRandom r = randoms.forConcept(id);
        double total = 0;
        for (int k = 0; k < centroids; k++) {
            for (int i = 0; i < features; i++) {
                slot.centre[k][i] = r.nextDouble();
            }
            slot.label[k] = r.nextInt(classes);
            slot.stdDev[k] = r.nextDouble();
            total += r.nextDouble();
            slot.cumulativeWeight[k] = total;
        }
        for (int k = 0; k < drifting; k++) {
            double norm = 0;
            for (int i = 0; i < features; i++) {
                slot.speed[k][i] = r.nextDouble();
                norm += slot.speed[k][i] * slot.speed[k][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < features; i++) {
                slot.speed[k][i] /= norm;
            }
        }
    }
}
