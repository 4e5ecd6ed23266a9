package dev.driftwise.learner;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.loss.Loss;
import dev.driftwise.learner.model.DenseNetwork;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.HashMap;
import java.util.Map;

/**
 * One micro-batch through the network on an engine: the features uploaded (standardised when the
 * spec asks), the forward pass, the logits to the host where the loss, ∂L/∂z = ŷ − y and, when asked,
 * the output curvature are computed in double, and ∂L/∂z back for the backward pass. What a learner
 * and a predict-only model share. Buffers are made once per batch size; a step allocates nothing.
 */
final class BatchRunner implements AutoCloseable {

    private final ModelSpec spec;
    private final DenseNetwork network;
    private final Loss loss;
    private final Engine engine;
    /** Workspace for n rows at index n (a micro-batch holds the same few sizes: full, and a partial last one). */
    private DenseNetwork.Workspace[] workspaces = new DenseNetwork.Workspace[0];
    private final Map<Vec, DenseNetwork.Views> views = new HashMap<>();
    private float[] standardized = new float[0];
    private float[] logits = new float[0];
    private float[] dLogits = new float[0];
    private double[] losses = new double[0];
    private DenseNetwork.Workspace current;

    BatchRunner(DenseNetwork network, Engine engine) {
        this.spec = network.spec();
        this.network = network;
        this.loss = spec.task().loss();
        this.engine = engine;
    }

    /** The parameter or gradient views of a flat vector; a caller hands the same few vectors every step. */
    DenseNetwork.Views views(Vec flat) {
        DenseNetwork.Views v = views.get(flat);
        if (v == null) {
            v = network.views(flat);
            views.put(flat, v);
        }
        return v;
    }

    private DenseNetwork.Workspace workspace(int n) {
        if (n >= workspaces.length) {
            workspaces = java.util.Arrays.copyOf(workspaces, n + 1);
        }
        DenseNetwork.Workspace ws = workspaces[n];
        if (ws == null) {
            ws = network.workspace(engine, n);
            workspaces[n] = ws;
        }
        return ws;
    }

    /** Uploads the batch's features (standardised with the statistics so far when a standardiser is given). */
    void upload(MicroBatch batch, FeatureStandardizer standardizer) {
        int n = batch.size();
        float[] rows = batch.featureBuffer();
        if (standardizer != null) {
            int values = n * spec.inputs();
            if (standardized.length < values) {
                standardized = new float[rows.length];
            }
            standardizer.transform(rows, n, standardized);
            rows = standardized;
        }
        current = workspace(n);
        engine.upload(current.input(), rows, 0);
    }

    /** Forward pass of the uploaded batch; the logits on the host (n × outputs values). */
    float[] forward(Vec params) {
        network.forward(views(params), current);
        int values = current.batch() * spec.outputs();
        if (logits.length < values) {
            logits = new float[values];
            dLogits = new float[values];
        }
        engine.download(current.logits(), logits, 0);
        return logits;
    }

    /** Writes {@code spec.outputs()} predictions per sample of the uploaded batch into {@code out}. */
    void predict(Vec params, double[] out) {
        float[] z = forward(params);
        int k = spec.outputs();
        for (int s = 0; s < current.batch(); s++) {
            loss.predict(z, s * k, k, out, s * k);
        }
    }

    /**
     * Forward pass, per-sample losses (returned; reused by the next call) and gradients of the mean loss
     * over the batch into {@code gradients} (a flat vector of the layout).
     */
    double[] lossAndGradients(Vec params, MicroBatch batch, Vec gradients) {
        float[] z = forward(params);
        int n = batch.size();
        int k = spec.outputs();
        if (losses.length < n) {
            losses = new double[n];
        }
        double scale = 1.0 / n; // gradients of the mean loss over the batch
        for (int s = 0; s < n; s++) {
            losses[s] = loss.lossAndGradient(z, s * k, k, batch.target(s), dLogits, scale);
        }
        engine.upload(current.logitGradient(), dLogits, 0);
        DenseNetwork.Views p = views(params);
        network.backward(p, current, views(gradients));
        return losses;
    }

    /**
     * The gradient of the same batch's mean loss at other weights into {@code gradients}, for optimizers
     * that probe curvature by finite differences (the full trace). Overwrites the last forward pass.
     */
    void gradientAt(Vec weights, MicroBatch batch, Vec gradients) {
        float[] z = forward(weights);
        int k = spec.outputs();
        double scale = 1.0 / batch.size();
        for (int s = 0; s < batch.size(); s++) {
            loss.lossAndGradient(z, s * k, k, batch.target(s), dLogits, scale);
        }
        engine.upload(current.logitGradient(), dLogits, 0);
        network.backward(views(weights), current, views(gradients));
    }

    /** The exact diagonal Hessian of the last batch's mean loss (one-layer models) into {@code out}. */
    void diagonalHessian(MicroBatch batch, Vec out) {
        int n = batch.size();
        int k = spec.outputs();
        double scale = 1.0 / n;
        for (int s = 0; s < n; s++) {
            loss.curvatures(logits, s * k, k, dLogits, scale);
        }
        engine.upload(current.logitGradient(), dLogits, 0);
        network.diagonalHessian(current, views(out));
    }

    /** The logits of the last forward pass, on the host. */
    float[] logits() {
        return logits;
    }

    @Override
    public void close() {
        for (DenseNetwork.Workspace ws : workspaces) {
            if (ws != null) {
                ws.close();
            }
        }
        workspaces = new DenseNetwork.Workspace[0];
    }
}
