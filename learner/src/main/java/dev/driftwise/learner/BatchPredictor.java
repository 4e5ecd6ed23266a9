package dev.driftwise.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;

/**
 * Turns a micro-batch into device inputs (standardised when the spec asks) and logits back on the
 * host: the part of predict-then-learn a learner and a predict-only model share.
 */
final class BatchPredictor {

    private final ModelSpec spec;
    private final DenseNetwork network;
    private final NDManager manager;
    private final HostStaging inputStaging = new HostStaging();
    private float[] standardized = new float[0];

    BatchPredictor(DenseNetwork network, NDManager manager) {
        this.spec = network.spec();
        this.network = network;
        this.manager = manager;
    }

    /** The batch's features on the device, shape (batch, inputs), standardised with the statistics so far. */
    NDArray upload(MicroBatch batch, FeatureStandardizer standardizer) {
        int n = batch.size() * spec.inputs();
        float[] rows = batch.featureBuffer();
        if (standardizer != null) {
            if (standardized.length < n) {
                standardized = new float[rows.length];
            }
            standardizer.transform(rows, batch.size(), standardized);
            rows = standardized;
        }
        return inputStaging.upload(manager, rows, new Shape(batch.size(), spec.inputs()));
    }

    /**
     * Writes the predictions of every sample into {@code out} ({@code spec.outputs()} values per
     * sample: ŷ, P(y = 1) or class probabilities).
     */
    void predict(NDList params, MicroBatch batch, FeatureStandardizer standardizer, double[] out) {
        int k = spec.outputs();
        if (out.length < batch.size() * k) {
            throw new IllegalArgumentException("prediction buffer holds " + out.length + " values, the batch needs "
                    + batch.size() * k + " (" + k + " per sample)");
        }
        JniUtils.setGradMode(false); // libtorch grad mode is per thread and ON in new threads (stack notes §9.2)
        float[] z;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = upload(batch, standardizer);
            z = network.forward(params, x).logits().toFloatArray();
        }
        for (int s = 0; s < batch.size(); s++) {
            spec.task().loss().predict(z, s * k, k, out, s * k);
        }
    }
}
