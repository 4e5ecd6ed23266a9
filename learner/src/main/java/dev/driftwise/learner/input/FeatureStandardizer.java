package dev.driftwise.learner.input;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online feature standardisation that never blows up: x' = clip((x − mean) / std, ±{@value #LIMIT}) with
 * the running mean and (population) variance of every feature, kept in double with Welford's update.
 * A learner folds a batch's features into the statistics <em>before</em> it transforms them (features
 * are known when the sample is scored; only its target must not be), so the very first sample is
 * centred to 0 rather than passed raw — a 1e5-scale column cannot saturate a learner on its first
 * step — and a stream and its shifted or rescaled twin look the same from the first sample on. The
 * clip bounds what a long-constant column shows when it first moves (√n standard deviations after n
 * equal values); a feature with zero variance is only centred. A predict-only model transforms with
 * frozen statistics.
 */
public final class FeatureStandardizer {

    /** Largest |x'|: a standardised value past 5 standard deviations is clipped there. */
    public static final double LIMIT = 5;

    private final int featureCount;
    private long count;
    private final double[] mean;
    private final double[] m2; // Σ (x − mean)², Welford's M2
    private final double[] scale; // 1/std per feature, recomputed per transform (scratch, not state)

    public FeatureStandardizer(int featureCount) {
        this.featureCount = featureCount;
        this.mean = new double[featureCount];
        this.m2 = new double[featureCount];
        this.scale = new double[featureCount];
    }

    /** Writes the standardised first {@code samples} rows of {@code in} into {@code out} (both row-major). */
    public void transform(float[] in, int samples, float[] out) {
        for (int j = 0; j < featureCount; j++) {
            double std = count > 1 ? Math.sqrt(m2[j] / count) : 0;
            scale[j] = std > 1e-12 ? 1 / std : 1;
        }
        for (int s = 0; s < samples; s++) {
            int row = s * featureCount;
            for (int j = 0; j < featureCount; j++) {
                double z = (in[row + j] - mean[j]) * scale[j];
                out[row + j] = (float) Math.max(-LIMIT, Math.min(LIMIT, z));
            }
        }
    }

    /** Folds the first {@code samples} rows into the running statistics (Welford 1962). */
    public void update(float[] in, int samples) {
        for (int s = 0; s < samples; s++) {
            count++;
            int row = s * featureCount;
            for (int j = 0; j < featureCount; j++) {
                double x = in[row + j];
                double delta = x - mean[j];
                mean[j] += delta / count;
                m2[j] += delta * (x - mean[j]);
            }
        }
    }

    public long count() {
        return count;
    }

    public double mean(int feature) {
        return mean[feature];
    }

    /** Population variance of a feature so far (0 before two samples). */
    public double variance(int feature) {
        return count > 1 ? m2[feature] / count : 0;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(featureCount);
        out.writeLong(count);
        for (int j = 0; j < featureCount; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(m2[j]);
        }
    }

    public static FeatureStandardizer readFrom(DataInput in) throws IOException {
        FeatureStandardizer s = new FeatureStandardizer(in.readInt());
        s.count = in.readLong();
        for (int j = 0; j < s.featureCount; j++) {
            s.mean[j] = in.readDouble();
            s.m2[j] = in.readDouble();
        }
        return s;
    }

    public int featureCount() {
        return featureCount;
    }

    /** A copy of the state the transform depends on, e.g. to publish with a model snapshot. */
    public Statistics statistics() {
        return new Statistics(count, mean.clone(), m2.clone());
    }

    /** A standardiser that transforms exactly as the one whose {@link #statistics()} these are. */
    public static FeatureStandardizer of(Statistics statistics) {
        FeatureStandardizer s = new FeatureStandardizer(statistics.mean().length);
        s.count = statistics.count();
        System.arraycopy(statistics.mean(), 0, s.mean, 0, s.featureCount);
        System.arraycopy(statistics.m2(), 0, s.m2, 0, s.featureCount);
        return s;
    }

    /**
     * The running statistics: samples folded in, mean and Welford's M2 (Σ (x − mean)²) per feature. A
     * value checked when built; read from outside (a published snapshot), so errors name the field.
     */
    public record Statistics(long count, double[] mean, double[] m2) {
        public Statistics {
            if (count < 0) {
                throw new IllegalArgumentException("feature statistics: count " + count + " is negative");
            }
            if (mean == null || m2 == null || mean.length != m2.length) {
                throw new IllegalArgumentException("feature statistics: mean and m2 need one value per feature, got "
                        + (mean == null ? "none" : mean.length) + " and " + (m2 == null ? "none" : m2.length));
            }
            for (int j = 0; j < mean.length; j++) {
                if (!Double.isFinite(mean[j]) || !Double.isFinite(m2[j]) || m2[j] < 0) {
                    throw new IllegalArgumentException("feature statistics of feature " + j + ": mean " + mean[j] + ", m2 "
                            + m2[j] + "; both must be finite and m2 (a sum of squares) at least 0");
                }
            }
        }
    }

    /** An independent copy (through the snapshot encoding, so it cannot miss a field). */
    public FeatureStandardizer copy() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            writeTo(new java.io.DataOutputStream(bytes));
            return readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
