package dev.driftwise.learner.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Prequential (test-then-train) loss and accuracy, in double: over a sliding window of the last
 * {@code window} samples, and with a fading factor α (Gama, Sebastião & Rodrigues 2013):
 * S ← α·S + loss, N ← α·N + 1, fading loss = S / N. Accuracy is tracked only for classifiers.
 * A non-finite loss (a diverged prediction) is counted apart and kept out of the window and the
 * fading sums, which would otherwise stay infinite or NaN for good.
 */
public final class PrequentialMetrics {

    public static final int DEFAULT_WINDOW = 1000;
    public static final double DEFAULT_FADING_FACTOR = 0.999;

    private final int window;
    private final double fadingFactor;
    private final boolean classifier;
    private final double[] windowLoss;
    private final boolean[] windowCorrect;
    private int next;
    private int filled;
    private double windowLossSum;
    private int windowCorrectCount;
    private double fadingLossSum;
    private double fadingCorrectSum;
    private double fadingCount;
    private long samples;
    private long nonFiniteLosses;

    public PrequentialMetrics(int window, double fadingFactor, boolean classifier) {
        if (window < 1) {
            throw new IllegalArgumentException("metrics window must be at least 1 sample, got " + window);
        }
        if (!(fadingFactor > 0 && fadingFactor <= 1)) {
            throw new IllegalArgumentException("fading factor must be in (0, 1], got " + fadingFactor + "; e.g. 0.999");
        }
        this.window = window;
        this.fadingFactor = fadingFactor;
        this.classifier = classifier;
        this.windowLoss = new double[window];
        this.windowCorrect = new boolean[classifier ? window : 0];
    }

    /** Records one sample's loss (and, for classifiers, whether its prediction was right). */
    public void record(double loss, boolean correct) {
        samples++;
        if (!Double.isFinite(loss)) {
            nonFiniteLosses++;
            return;
        }
        if (filled == window) {
            windowLossSum -= windowLoss[next];
            if (classifier && windowCorrect[next]) {
                windowCorrectCount--;
            }
        } else {
            filled++;
        }
        windowLoss[next] = loss;
        windowLossSum += loss;
        if (classifier) {
            windowCorrect[next] = correct;
            if (correct) {
                windowCorrectCount++;
            }
        }
        next = (next + 1) % window;
        if (next == 0) {
            // Re-sum once per lap so rounding from subtracting old losses cannot accumulate.
            windowLossSum = 0;
            for (double l : windowLoss) {
                windowLossSum += l;
            }
        }
        fadingLossSum = fadingFactor * fadingLossSum + loss;
        fadingCorrectSum = fadingFactor * fadingCorrectSum + (correct ? 1 : 0);
        fadingCount = fadingFactor * fadingCount + 1;
    }

    public MetricsSummary summary(long steps) {
        double nan = Double.NaN;
        return new MetricsSummary(samples, steps, nonFiniteLosses, filled,
                filled == 0 ? nan : windowLossSum / filled,
                fadingCount == 0 ? nan : fadingLossSum / fadingCount,
                !classifier || filled == 0 ? nan : (double) windowCorrectCount / filled,
                !classifier || fadingCount == 0 ? nan : fadingCorrectSum / fadingCount);
    }

    public long samples() {
        return samples;
    }

    public int window() {
        return window;
    }

    public double fadingFactor() {
        return fadingFactor;
    }

    public boolean classifier() {
        return classifier;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(window);
        out.writeDouble(fadingFactor);
        out.writeBoolean(classifier);
        out.writeInt(next);
        out.writeInt(filled);
        out.writeDouble(windowLossSum);
        out.writeInt(windowCorrectCount);
        out.writeDouble(fadingLossSum);
        out.writeDouble(fadingCorrectSum);
        out.writeDouble(fadingCount);
        out.writeLong(samples);
        out.writeLong(nonFiniteLosses);
        for (int i = 0; i < window; i++) {
            out.writeDouble(windowLoss[i]);
            if (classifier) {
                out.writeBoolean(windowCorrect[i]);
            }
        }
    }

    public static PrequentialMetrics readFrom(DataInput in) throws IOException {
        PrequentialMetrics m = new PrequentialMetrics(in.readInt(), in.readDouble(), in.readBoolean());
        m.next = in.readInt();
        m.filled = in.readInt();
        m.windowLossSum = in.readDouble();
        m.windowCorrectCount = in.readInt();
        m.fadingLossSum = in.readDouble();
        m.fadingCorrectSum = in.readDouble();
        m.fadingCount = in.readDouble();
        m.samples = in.readLong();
        m.nonFiniteLosses = in.readLong();
        for (int i = 0; i < m.window; i++) {
            m.windowLoss[i] = in.readDouble();
            if (m.classifier) {
                m.windowCorrect[i] = in.readBoolean();
            }
        }
        return m;
    }

    /** An independent copy (through the snapshot encoding, so it cannot miss a field). */
    public PrequentialMetrics copy() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            writeTo(new java.io.DataOutputStream(bytes));
            return readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
