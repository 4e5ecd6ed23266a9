package dev.driftwise.jobs.train;

import java.nio.ByteBuffer;

/**
 * Test-then-train loss and accuracy of one learner: a sliding window over the last {@code window}
 * samples and fading-factor means (Gama et al. 2013: S = x + λS, N = 1 + λN). Part of the learner's
 * checkpointed state, so metrics continue exactly across restores.
 */
final class PrequentialTracker {

    private final double[] losses;
    private final boolean[] hits;
    private double lambda; // λ: fading factor (restored with the state)
    private int next;
    private int count;
    private double windowLossSum;
    private int windowHits;
    private double fadingLoss;
    private double fadingHits;
    private double fadingCount;

    PrequentialTracker(int window, double fadingFactor) {
        this.losses = new double[window];
        this.hits = new boolean[window];
        this.lambda = fadingFactor;
    }

    void add(double loss, boolean hit) {
        if (count == losses.length) {
            windowLossSum -= losses[next];
            windowHits -= hits[next] ? 1 : 0;
        } else {
            count++;
        }
        losses[next] = loss;
        hits[next] = hit;
        windowLossSum += loss;
        windowHits += hit ? 1 : 0;
        next = (next + 1) % losses.length;
        fadingLoss = loss + lambda * fadingLoss;
        fadingHits = (hit ? 1 : 0) + lambda * fadingHits;
        fadingCount = 1 + lambda * fadingCount;
    }

    int window() {
        return losses.length;
    }

    double fadingFactor() {
        return lambda;
    }

    double windowLoss() {
        return count == 0 ? Double.NaN : windowLossSum / count;
    }

    double windowAccuracy() {
        return count == 0 ? Double.NaN : (double) windowHits / count;
    }

    double fadingLoss() {
        return fadingCount == 0 ? Double.NaN : fadingLoss / fadingCount;
    }

    double fadingAccuracy() {
        return fadingCount == 0 ? Double.NaN : fadingHits / fadingCount;
    }

    int encodedSize() {
        return 4 * 4 + 8 * 5 + losses.length * 9;
    }

    void writeTo(ByteBuffer b) {
        b.putInt(losses.length).putInt(next).putInt(count).putInt(windowHits);
        b.putDouble(windowLossSum).putDouble(fadingLoss).putDouble(fadingHits).putDouble(fadingCount).putDouble(lambda);
        for (int i = 0; i < losses.length; i++) {
            b.putDouble(losses[i]);
            b.put((byte) (hits[i] ? 1 : 0));
        }
    }

    /** Reads what {@link #writeTo} wrote; the window length and fading factor are the saved ones. */
    static PrequentialTracker readFrom(ByteBuffer b) {
        int window = b.getInt();
        PrequentialTracker t = new PrequentialTracker(window, 1.0);
        t.next = b.getInt();
        t.count = b.getInt();
        t.windowHits = b.getInt();
        t.windowLossSum = b.getDouble();
        t.fadingLoss = b.getDouble();
        t.fadingHits = b.getDouble();
        t.fadingCount = b.getDouble();
        t.lambda = b.getDouble();
        for (int i = 0; i < window; i++) {
            t.losses[i] = b.getDouble();
            t.hits[i] = b.get() == 1;
        }
        return t;
    }
}
