package dev.driftwise.bench.harness.score;

/** Accuracy over the last {@code window} samples (prequential, 1,000 in benchmarks.md). */
final class SlidingAccuracy {

    private final boolean[] ring;
    private int next;
    private int filled;
    private int correct;

    SlidingAccuracy(int window) {
        this.ring = new boolean[window];
    }

    void add(boolean isCorrect) {
        if (filled == ring.length) {
            if (ring[next]) {
                correct--;
            }
        } else {
            filled++;
        }
        ring[next] = isCorrect;
        if (isCorrect) {
            correct++;
        }
        next = (next + 1) % ring.length;
    }

    boolean full() {
        return filled == ring.length;
    }

    double value() {
        return filled == 0 ? Double.NaN : (double) correct / filled;
    }
}
