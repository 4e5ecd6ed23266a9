package dev.driftwise.serving;

import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole (reassembled) {@link ModelSnapshot} into a {@link PredictOnlyModel}, after checking
 * that its spec parses and that its tensors are exactly the ones the spec's network has, with finite values.
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
        if (spec.standardize()) {
            // a published ModelSnapshot carries parameters only, not the learner's feature statistics
            throw new SnapshotRejectedException(SnapshotRejection.Reason.UNSUPPORTED, "modelSpec " + spec
                    + " standardises features, but ModelSnapshot records carry no feature statistics to serve it with", null);
        }
        List<ParameterTensor> tensors = new ArrayList<>(snapshot.getTensors().size());
        for (Tensor t : snapshot.getTensors()) {
            tensors.add(toParameter(t));
        }
        try {
            return PredictOnlyModel.of(spec, tensors, device); // checks names and shapes against the spec's layout
        } catch (IllegalArgumentException e) {
            throw new SnapshotRejectedException(SnapshotRejection.Reason.TENSOR_MISMATCH, e.getMessage(), e);
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
