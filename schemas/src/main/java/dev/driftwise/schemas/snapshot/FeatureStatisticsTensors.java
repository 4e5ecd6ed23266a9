package dev.driftwise.schemas.snapshot;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import java.util.List;

/**
 * The feature statistics of a standardising model inside a {@link ModelSnapshot} (since v2): the
 * FLOAT64 tensors {@value #MEAN} and {@value #M2} after the parameters, and the sample count in the
 * {@code featureStatistics} field. They travel as tensors so a model with many features is chunked like
 * its weights instead of repeating megabytes of metadata in every chunk. Writer and reader share this
 * class, so the names and the layout are spelled once.
 */
public final class FeatureStatisticsTensors {

    /** Running mean per feature, shape [inputs]. */
    public static final String MEAN = "standardizer.mean";
    /** Welford's M2 per feature (Σ (x − mean)²), shape [inputs]. */
    public static final String M2 = "standardizer.m2";

    private FeatureStatisticsTensors() {
    }

    /** The two tensors to append to a snapshot's parameters; doubles, so the reader gets the exact values. */
    public static List<Tensor> encode(double[] mean, double[] m2) {
        if (mean.length != m2.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " features, m2 " + m2.length + "; both have one value per feature");
        }
        return List.of(tensor(MEAN, mean), tensor(M2, m2));
    }

    /** Whether a tensor is one of the statistics rather than a model parameter. */
    public static boolean holds(Tensor tensor) {
        return MEAN.equals(tensor.getName()) || M2.equals(tensor.getName());
    }

    /**
     * The values of statistics tensor {@code name} ({@link #MEAN} or {@link #M2}) of a whole (reassembled)
     * snapshot, checked to hold one FLOAT64 per feature.
     *
     * @throws IllegalArgumentException naming the tensor when it is missing or has another shape or dtype
     */
    public static double[] decode(ModelSnapshot whole, String name, int features) {
        for (Tensor t : whole.getTensors()) {
            if (!t.getName().equals(name)) {
                continue;
            }
            if (t.getDtype() != TensorDType.FLOAT64 || !t.getShape().equals(List.of((long) features))) {
                throw new IllegalArgumentException("tensor " + name + " is " + t.getDtype() + t.getShape() + "; the model has "
                        + features + " features, so it must be FLOAT64[" + features + "]");
            }
            double[] values = TensorCodec.decodeDoubles(t.getData());
            if (values.length != features) {
                throw new IllegalArgumentException("tensor " + name + " holds " + values.length + " values for shape ["
                        + features + "]; the snapshot is corrupt");
            }
            return values;
        }
        throw new IllegalArgumentException("snapshot " + whole.getSnapshotId() + " has featureStatistics but no tensor "
                + name + "; a standardising model's snapshot carries " + MEAN + " and " + M2);
    }

    private static Tensor tensor(String name, double[] values) {
        return Tensor.newBuilder().setName(name).setShape(List.of((long) values.length)).setDtype(TensorDType.FLOAT64)
                .setElementOffset(0).setData(TensorCodec.encode(values)).build();
    }
}
