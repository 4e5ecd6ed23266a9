package dev.driftwise.streams.rate;

/**
 * Decides which stream emits next so that, over any stretch, stream i gets a share w_i / Σw of the
 * samples: weighted fair queueing on virtual time (stream i's virtual clock advances 1 / w_i per
 * sample; the stream with the earliest clock goes next, ties to the lower index). The order depends
 * only on the weights, never on timing, so paced and unpaced runs interleave identically and file
 * outputs stay byte-identical for a seed. Equal weights give plain round robin.
 */
public final class FairOrder {

    private final double[] step;
    private final double[] virtualTime;

    /** @param weights one positive weight per stream (e.g. its rate in samples/s) */
    public FairOrder(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("need at least one stream to order");
        }
        step = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight of stream " + i + " must be finite and > 0, got " + weights[i]);
            }
            step[i] = 1.0 / weights[i];
        }
        virtualTime = new double[weights.length];
    }

    /** K streams in plain round robin. */
    public static FairOrder roundRobin(int streams) {
        double[] w = new double[streams];
        java.util.Arrays.fill(w, 1.0);
        return new FairOrder(w);
    }

    /** Index of the stream that emits next; advances that stream's virtual clock. */
    public int next() {
        int best = 0;
        for (int i = 1; i < virtualTime.length; i++) {
            if (virtualTime[i] < virtualTime[best]) {
                best = i;
            }
        }
        virtualTime[best] += step[best];
        return best;
    }
}
