package dev.driftwise.serving;

import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.schemas.FeatureStatistics;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.snapshot.FeatureStatisticsTensors;
import dev.driftwise.schemas.wire.TensorCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole (reassembled) {@link ModelSnapshot} into a {@link PredictOnlyModel}, after checking
 * that its spec parses, that its tensors are exactly the ones the spec's network has, with finite values,
 * and that a model which standardises its features carries the feature statistics to do it with.
 */
final class SnapshotLoader {

    private final DeviceChoice device;

    SnapshotLoader(DeviceChoice device) {
        this.device = device;
    }

    PredictOnlyModel load(ModelSnapshot snapshot) throws SnapshotRejectedException {
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(snapshot.getModelSpec());
        } catch (RuntimeException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.BAD_MODEL_SPEC,
                    "modelSpec '" + snapshot.getModelSpec() + "' does not parse: " + e.getMessage(), e);
        }
        FeatureStandardizer.Statistics statistics = featureStatistics(snapshot, spec);
        List<ParameterTensor> tensors = new ArrayList<>(snapshot.getTensors().size());
        for (Tensor t : snapshot.getTensors()) {
            if (!FeatureStatisticsTensors.holds(t)) {
                tensors.add(toParameter(t));
            }
        }
        try {
            // checks names and shapes against the spec's layout; standardises with the learner's own FeatureStandardizer
            return PredictOnlyModel.of(spec, tensors, statistics, device);
        } catch (IllegalArgumentException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, e.getMessage(), e);
        }
    }

    /** The statistics a standardising model predicts with (null for one that does not standardise), checked. */
    private static FeatureStandardizer.Statistics featureStatistics(ModelSnapshot snapshot, ModelSpec spec)
            throws SnapshotRejectedException {
        FeatureStatistics field = snapshot.getFeatureStatistics();
        boolean tensors = snapshot.getTensors().stream().anyMatch(FeatureStatisticsTensors::holds);
        if (!spec.standardize()) {
            if (field != null || tensors) {
                throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, "modelSpec " + spec
                        + " does not standardise features, but the snapshot carries feature statistics", null);
            }
            return null;
        }
        if (field == null) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.UNSUPPORTED, "modelSpec " + spec
                    + " standardises features, but the snapshot has no featureStatistics (written with ModelSnapshot schema v"
                    + snapshot.getProvenance().getSchemaVersion() + "; v2 jobs publish them): upgrade the training job", null);
        }
        try {
            return new FeatureStandardizer.Statistics(field.getCount(),
                    FeatureStatisticsTensors.decode(snapshot, FeatureStatisticsTensors.MEAN, spec.inputs()),
                    FeatureStatisticsTensors.decode(snapshot, FeatureStatisticsTensors.M2, spec.inputs()));
        } catch (IllegalArgumentException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, "featureStatistics: " + e.getMessage(), e);
        }
    }

    private static ParameterTensor toParameter(Tensor t) throws SnapshotRejectedException {
        long[] shape = new long[t.getShape().size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getShape().get(i);
        }
        float[] values;
        try {
            values = decode(t.getDtype(), t.getData());
        } catch (IllegalArgumentException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH,
                    "tensor " + t.getName() + " data: " + e.getMessage(), e);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, "tensor " + t.getName()
                        + " holds " + values[i] + " at element " + i + "; a served model must be finite", null);
            }
        }
        try {
            return new ParameterTensor(t.getName(), shape, values);
        } catch (IllegalArgumentException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, e.getMessage(), e);
        }
    }

    private static float[] decode(TensorDType dtype, ByteBuffer data) {
        if (dtype == TensorDType.FLOAT32) {
            return TensorCodec.decodeFloats(data);
        }
        double[] wide = TensorCodec.decodeDoubles(data);
        float[] values = new float[wide.length];
        for (int i = 0; i < wide.length; i++) {
            values[i] = (float) wide[i];
        }
        return values;
    }
}
