package dev.driftwise.learner.input;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A reusable buffer of up to {@code capacity} samples: dense float features, one double target
 * each (a regression value, or a class index for classifiers). Adding copies the row into a flat
 * array, so filling and clearing a batch allocates nothing.
 */
public final class MicroBatch {

    private final int featureCount;
    private final float[] features;
    private final double[] targets;
    private int size;

    public MicroBatch(int capacity, int featureCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("micro-batch capacity must be at least 1, got " + capacity);
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount must be at least 1, got " + featureCount);
        }
        this.featureCount = featureCount;
        this.features = new float[Math.multiplyExact(capacity, featureCount)];
        this.targets = new double[capacity];
    }

    /**
     * Appends one sample.
     *
     * @throws InvalidSampleException (WRONG_FEATURE_COUNT) when the row has the wrong length; the
     *     batch is unchanged
     * @throws IllegalStateException when the batch is full
     */
    public MicroBatch add(float[] row, double target) {
        if (row.length != featureCount) {
            throw new InvalidSampleException(InvalidSampleException.Reason.WRONG_FEATURE_COUNT, -1,
                    "got " + row.length + " features, the model takes " + featureCount);
        }
        return add(row, 0, target);
    }

    /** Appends the {@code featureCount} floats of {@code source} starting at {@code offset}. */
    public MicroBatch add(float[] source, int offset, double target) {
        if (size == targets.length) {
            throw new IllegalStateException("micro-batch is full (" + size + " samples); learn from it and clear() it first");
        }
        System.arraycopy(source, offset, features, size * featureCount, featureCount);
        targets[size++] = target;
        return this;
    }

    public MicroBatch clear() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == targets.length;
    }

    public int capacity() {
        return targets.length;
    }

    public int featureCount() {
        return featureCount;
    }

    public float feature(int sample, int feature) {
        return features[sample * featureCount + feature];
    }

    public double target(int sample) {
        return targets[sample];
    }

    /**
     * The flat row-major feature buffer itself (not a copy), for the learner's hot path; only the
     * first {@code size() * featureCount()} floats are samples. Do not keep it across batches.
     */
    public float[] featureBuffer() {
        return features;
    }

    /** Writes the samples (not the spare capacity), e.g. an open batch into stream-job state. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(targets.length);
        out.writeInt(featureCount);
        out.writeInt(size);
        for (int i = 0; i < size * featureCount; i++) {
            out.writeInt(Float.floatToRawIntBits(features[i]));
        }
        for (int s = 0; s < size; s++) {
            out.writeLong(Double.doubleToRawLongBits(targets[s]));
        }
    }

    /** Reads what {@link #writeTo} wrote: same capacity, feature count and samples, bit for bit. */
    public static MicroBatch readFrom(DataInput in) throws IOException {
        MicroBatch batch = new MicroBatch(in.readInt(), in.readInt());
        int size = in.readInt();
        if (size < 0 || size > batch.capacity()) {
            throw new IllegalArgumentException("stored micro-batch is corrupt: " + size + " samples, capacity " + batch.capacity());
        }
        for (int i = 0; i < size * batch.featureCount; i++) {
            batch.features[i] = Float.intBitsToFloat(in.readInt());
        }
        for (int s = 0; s < size; s++) {
            batch.targets[s] = Double.longBitsToDouble(in.readLong());
        }
        batch.size = size;
        return batch;
    }

    @Override
    public String toString() {
        return "MicroBatch[size=" + size + ", capacity=" + targets.length + ", features=" + featureCount
                + (size > 0 ? ", first=" + Arrays.toString(Arrays.copyOf(features, featureCount)) : "") + "]";
    }
}
