package dev.driftwise.learner.model;

import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The forward and backward pass of a {@link ModelSpec}, written once over {@link Engine} operations
 * on a flat parameter vector, so the same code serves the live parameters, a predict-only model and
 * an optimizer's "gradient at other weights", on either engine. Backpropagation is written out (no
 * autograd): it is exact, needs no thread-local grad mode, and leaves the parameters free of autograd
 * state so an optimizer may update them in place in any thread.
 *
 * <p>Parameter order: {@code layer0.weight, layer0.bias, layer1.weight, ...} (no biases when the
 * spec says so); layer l computes a_l = h_l·W_l + b_l, h_{l+1} = act(a_l), and the last a is the logits.
 */
public final class DenseNetwork {

    private final ModelSpec spec;
    private final ParameterLayout layout;

    public DenseNetwork(ModelSpec spec) {
        this.spec = spec;
        List<ParameterLayout.Entry> entries = new ArrayList<>();
        for (int l = 0; l < spec.layerCount(); l++) {
            entries.add(new ParameterLayout.Entry(weightName(l), new int[] {spec.layerInputs(l), spec.layerOutputs(l)}));
            if (spec.bias()) {
                entries.add(new ParameterLayout.Entry(biasName(l), new int[] {spec.layerOutputs(l)}));
            }
        }
        this.layout = ParameterLayout.of(entries);
    }

    public static String weightName(int layer) {
        return "layer" + layer + ".weight";
    }

    public static String biasName(int layer) {
        return "layer" + layer + ".bias";
    }

    public ModelSpec spec() {
        return spec;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /**
     * Fresh parameters from the spec's seed, flat in layout order. A one-layer model starts at zero
     * (the convention of the classic step-size papers, w0 = 0); an MLP draws hidden weights uniformly
     * in ±√(6/fan_in) (He) for ReLU or ±√(6/(fan_in + fan_out)) (Glorot) for tanh, the output layer by
     * Glorot; biases 0.
     */
    public float[] initialParameters() {
        SplittableRandom random = new SplittableRandom(spec.seed());
        float[] params = new float[layout.totalSize()];
        int stride = spec.bias() ? 2 : 1;
        for (int l = 0; l < spec.layerCount(); l++) {
            int fanIn = spec.layerInputs(l);
            int fanOut = spec.layerOutputs(l);
            if (spec.kind() != ModelKind.MLP) {
                continue;
            }
            boolean hiddenRelu = l < spec.layerCount() - 1 && spec.activation() == Activation.RELU;
            double limit = hiddenRelu ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
            int offset = layout.offset(l * stride);
            for (int i = 0; i < fanIn * fanOut; i++) {
                params[offset + i] = (float) random.nextDouble(-limit, limit);
            }
        }
        return params;
    }

    /** The views of one flat parameter (or gradient) vector: W_l as in × out matrices, b_l as vectors. */
    public final class Views {
        final Vec[] weights;
        final Vec[] biases;

        Views(Vec flat) {
            int stride = spec.bias() ? 2 : 1;
            weights = new Vec[spec.layerCount()];
            biases = new Vec[spec.layerCount()];
            for (int l = 0; l < weights.length; l++) {
                int p = l * stride;
                weights[l] = flat.slice(layout.offset(p), layout.get(p).size()).shaped(spec.layerInputs(l), spec.layerOutputs(l));
                if (spec.bias()) {
                    biases[l] = flat.slice(layout.offset(p + 1), spec.layerOutputs(l));
                }
            }
        }
    }

    /** Views of {@code flat}, made once and reused by whoever holds them. */
    public Views views(Vec flat) {
        return new Views(flat);
    }

    /**
     * The buffers of one batch size on one engine: inputs, pre-activations and activations of every
     * layer, the backward deltas. Made once per batch size; a step allocates nothing.
     */
    public final class Workspace implements AutoCloseable {
        final int batch;
        final Engine engine;
        /** h_l: the input of layer l (h_0 = x). */
        final Vec[] inputs;
        /** a_l = h_l·W_l + b_l (the last one is the logits). */
        final Vec[] pre;
        /** δ_l = ∂L/∂a_l, and ∂L/∂h_l for the backward pass. */
        final Vec[] delta;
        final Vec[] dh;
        private final List<Vec> owned = new ArrayList<>();
        private Vec inputSquares;

        Workspace(Engine engine, int batch) {
            this.engine = engine;
            this.batch = batch;
            int layers = spec.layerCount();
            inputs = new Vec[layers];
            pre = new Vec[layers];
            delta = new Vec[layers];
            dh = new Vec[layers];
            for (int l = 0; l < layers; l++) {
                inputs[l] = matrix(batch, spec.layerInputs(l));
                pre[l] = matrix(batch, spec.layerOutputs(l));
                delta[l] = matrix(batch, spec.layerOutputs(l));
                if (l > 0) {
                    dh[l] = matrix(batch, spec.layerInputs(l));
                }
            }
        }

        private Vec matrix(int rows, int cols) {
            Vec v = engine.zeros(rows * cols, DType.FLOAT32);
            owned.add(v);
            return v.shaped(rows, cols);
        }

        /** Where the batch's features go (batch × inputs). */
        public Vec input() {
            return inputs[0];
        }

        /** The logits after {@link #forward} (batch × outputs). */
        public Vec logits() {
            return pre[pre.length - 1];
        }

        /** Where the caller writes ∂L/∂logits before {@link #backward} (batch × outputs). */
        public Vec logitGradient() {
            return delta[delta.length - 1];
        }

        public int batch() {
            return batch;
        }

        @Override
        public void close() {
            owned.forEach(Vec::close);
        }
    }

    public Workspace workspace(Engine engine, int batch) {
        return new Workspace(engine, batch);
    }

    /** Forward pass on the workspace's input with the parameters {@code p}; the logits land in the workspace. */
    public void forward(Views p, Workspace ws) {
        Engine e = ws.engine;
        for (int l = 0; l < spec.layerCount(); l++) {
            e.matmul(ws.pre[l], ws.inputs[l], false, p.weights[l], false);
            if (spec.bias()) {
                e.addRow(ws.pre[l], ws.pre[l], p.biases[l]);
            }
            if (l < spec.layerCount() - 1) {
                if (spec.activation() == Activation.RELU) {
                    e.relu(ws.inputs[l + 1], ws.pre[l]);
                } else {
                    e.tanh(ws.inputs[l + 1], ws.pre[l]);
                }
            }
        }
    }

    /**
     * Gradients of the batch loss w.r.t. every parameter into {@code g} (views of a flat gradient
     * vector), from the logit gradient the caller wrote into the workspace (already scaled by 1/batch
     * for a mean loss) and the activations of the last {@link #forward} with parameters {@code p}.
     */
    public void backward(Views p, Workspace ws, Views g) {
        Engine e = ws.engine;
        for (int l = spec.layerCount() - 1; l >= 0; l--) {
            e.matmul(g.weights[l], ws.inputs[l], true, ws.delta[l], false); // ∂L/∂W_l = h_lᵀ·δ_l
            if (spec.bias()) {
                e.columnSums(g.biases[l], ws.delta[l]); // ∂L/∂b_l = Σ_batch δ_l
            }
            if (l > 0) {
                e.matmul(ws.dh[l], ws.delta[l], false, p.weights[l], true); // ∂L/∂h_l = δ_l·W_lᵀ
                if (spec.activation() == Activation.RELU) {
                    e.reluBackward(ws.delta[l - 1], ws.dh[l], ws.pre[l - 1]); // relu'(a) = [a > 0]
                } else {
                    e.tanhBackward(ws.delta[l - 1], ws.dh[l], ws.inputs[l]); // tanh'(a) = 1 − h_l²
                }
            }
        }
    }

    /**
     * Exact diagonal of the Hessian of the batch loss for a one-layer model (a GLM with canonical
     * link), into {@code out}: ∂²L/∂W_ij² = Σ_b x_bi² c_bj and ∂²L/∂b_j² = Σ_b c_bj, where the caller
     * wrote c = ∂²L/∂z² per sample and logit (1, p(1−p) or p_j(1−p_j), already scaled by 1/batch) into
     * the workspace's logit-gradient buffer.
     */
    public void diagonalHessian(Workspace ws, Views out) {
        if (spec.layerCount() != 1) {
            throw new IllegalStateException("a diagonal Hessian is only available for one-layer models, not " + spec.kind().id());
        }
        Engine e = ws.engine;
        if (ws.inputSquares == null) {
            ws.inputSquares = ws.matrix(ws.batch, spec.inputs());
        }
        e.mul(ws.inputSquares, 1, ws.inputs[0], ws.inputs[0]);
        e.matmul(out.weights[0], ws.inputSquares, true, ws.delta[0], false);
        if (spec.bias()) {
            e.columnSums(out.biases[0], ws.delta[0]);
        }
    }
}
