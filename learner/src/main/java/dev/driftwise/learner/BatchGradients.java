package dev.driftwise.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.loss.Loss;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;

/**
 * One micro-batch's forward pass, per-sample losses (host, double) and gradients of the mean
 * loss (device). The logits come to the host once: there the loss, ∂L/∂z = ŷ − y and, when asked,
 * the output curvature are computed in double, and ∂L/∂z goes back for the backward pass.
 */
final class BatchGradients {

    /** Logits and losses on the host; gradients (and diagonal Hessian, or null) on the device. */
    record Result(float[] logits, double[] losses, NDList gradients, NDList diagonalHessian) {}

    private final ModelSpec spec;
    private final DenseNetwork network;
    private final Loss loss;
    private final NDManager manager;
    private final HostStaging dLogitsStaging = new HostStaging();
    private final HostStaging curvatureStaging = new HostStaging();
    private final HostStaging otherWeightsStaging = new HostStaging();
    private float[] dLogits = new float[0];
    private float[] curvature = new float[0];
    private double[] losses = new double[0];

    BatchGradients(DenseNetwork network, NDManager manager) {
        this.spec = network.spec();
        this.network = network;
        this.loss = spec.task().loss();
        this.manager = manager;
    }

    /** Arrays it creates belong to the caller's NDScope. */
    Result compute(NDList params, NDArray x, MicroBatch batch, boolean diagonalHessian) {
        int n = batch.size();
        int k = spec.outputs();
        ensureCapacity(n * k, n);
        DenseNetwork.Activations act = network.forward(params, x);
        float[] z = act.logits().toFloatArray();
        double scale = 1.0 / n; // gradients of the mean loss over the batch
        for (int s = 0; s < n; s++) {
            losses[s] = loss.lossAndGradient(z, s * k, k, batch.target(s), dLogits, scale);
        }
        Shape outShape = new Shape(n, k);
        NDList grads = network.backward(params, act, dLogitsStaging.upload(manager, dLogits, outShape));
        NDList diag = null;
        if (diagonalHessian) {
            for (int s = 0; s < n; s++) {
                loss.curvatures(z, s * k, k, curvature, scale);
            }
            diag = network.diagonalHessian(x, curvatureStaging.upload(manager, curvature, outShape));
        }
        return new Result(z, losses, grads, diag);
    }

    /**
     * The gradient of the same batch's mean loss at other weights, for optimizers that probe
     * curvature by finite differences. The caller (the optimizer) closes the result.
     */
    NDList gradientAt(NDList weights, NDArray x, MicroBatch batch) {
        int n = batch.size();
        int k = spec.outputs();
        float[] dz = new float[n * k]; // rare path (finite-difference probes): a fresh buffer keeps the step's own intact
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DenseNetwork.Activations act = network.forward(weights, x);
            float[] z = act.logits().toFloatArray();
            for (int s = 0; s < n; s++) {
                loss.lossAndGradient(z, s * k, k, batch.target(s), dz, 1.0 / n);
            }
            NDList grads = network.backward(weights, act, otherWeightsStaging.upload(manager, dz, new Shape(n, k)));
            NDScope.unregister(grads);
            return grads;
        }
    }

    private void ensureCapacity(int outputs, int samples) {
        if (dLogits.length < outputs) {
            dLogits = new float[outputs];
            curvature = new float[outputs];
        }
        if (losses.length < samples) {
            losses = new double[samples];
        }
    }
}
