package dev.driftwise.metaoptimize.baseline;

import java.util.Random;

/**
 * A small drifting LMS problem for reference comparisons: x ~ N(0, s_i²) with per-input scales,
 * y = w*·x + N(0, 0.1²); every third input is irrelevant (w*_i = 0) and one relevant w*_i jumps
 * every 50 samples, so per-weight step sizes have a reason to move apart.
 */
final class LmsStream {

    private final Random random;
    private final double[] target;
    private final double[] scale;
    private long produced;

    LmsStream(long seed, int inputs) {
        this.random = new Random(seed);
        this.target = new double[inputs];
        this.scale = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            target[i] = relevant(i) ? random.nextGaussian() : 0;
            scale[i] = 0.3 + 1.5 * random.nextDouble();
        }
    }

    double next(double[] x) {
        if (produced > 0 && produced % 50 == 0) {
            int k = random.nextInt(target.length);
            target[k] = relevant(k) ? random.nextGaussian() : 0;
        }
        double y = 0.1 * random.nextGaussian();
        for (int i = 0; i < x.length; i++) {
            x[i] = scale[i] * random.nextGaussian();
            y += target[i] * x[i];
        }
        produced++;
        return y;
    }

    private static boolean relevant(int i) {
        return i % 3 != 1;
    }
}
