package dev.driftwise.learner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The forward and backward pass of a {@link ModelSpec} as plain NDArray ops on whatever weights
 * it is handed, so the same code serves the live parameters, a predict-only model and an
 * optimizer's "gradient at other weights". Backpropagation is written out (no autograd): it is
 * exact, needs no thread-local grad mode, and leaves the parameters free of autograd state so an
 * optimizer may update them in place in any thread.
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
            entries.add(new ParameterLayout.Entry(weightName(l), new Shape(spec.layerInputs(l), spec.layerOutputs(l))));
            if (spec.bias()) {
                entries.add(new ParameterLayout.Entry(biasName(l), new Shape(spec.layerOutputs(l))));
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
     * Fresh parameters from the spec's seed. A one-layer model starts at zero (the convention of the
     * classic step-size papers, w0 = 0); an MLP draws hidden weights uniformly in ±√(6/fan_in) (He)
     * for ReLU or ±√(6/(fan_in + fan_out)) (Glorot) for tanh, the output layer by Glorot; biases 0.
     */
    public NDList initialParameters(NDManager manager) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        NDList params = new NDList(layout.count());
        for (int l = 0; l < spec.layerCount(); l++) {
            int fanIn = spec.layerInputs(l);
            int fanOut = spec.layerOutputs(l);
            float[] weights = new float[Math.multiplyExact(fanIn, fanOut)];
            if (spec.kind() == ModelKind.MLP) {
                boolean hiddenRelu = l < spec.layerCount() - 1 && spec.activation() == Activation.RELU;
                double limit = hiddenRelu ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) random.nextDouble(-limit, limit);
                }
            }
            params.add(named(manager.create(weights, new Shape(fanIn, fanOut)), weightName(l)));
            if (spec.bias()) {
                params.add(named(manager.zeros(new Shape(fanOut)), biasName(l)));
            }
        }
        return params;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** The pre-activations a_l of every layer and the inputs h_l they came from: what backward needs. */
    public static final class Activations {
        final List<NDArray> inputs = new ArrayList<>();
        final List<NDArray> preActivations = new ArrayList<>();

        /** The logits, shape (batch, outputs). */
        public NDArray logits() {
            return preActivations.get(preActivations.size() - 1);
        }
    }

    /** Forward pass on {@code x} of shape (batch, inputs). Intermediates belong to the caller's NDScope. */
    public Activations forward(NDList params, NDArray x) {
        Activations act = new Activations();
        NDArray h = x;
        int stride = spec.bias() ? 2 : 1;
        for (int l = 0; l < spec.layerCount(); l++) {
            act.inputs.add(h);
            NDArray a = h.matMul(params.get(l * stride));
            if (spec.bias()) {
                a.addi(params.get(l * stride + 1));
            }
            act.preActivations.add(a);
            if (l < spec.layerCount() - 1) {
                h = spec.activation() == Activation.RELU ? a.getNDArrayInternal().relu() : a.tanh();
            }
        }
        return act;
    }

    /**
     * Gradients of the batch loss w.r.t. every parameter, aligned with {@link #layout()}, given
     * {@code dLogits} = ∂L/∂z (shape (batch, outputs), already scaled by 1/batch for a mean loss).
     */
    public NDList backward(NDList params, Activations act, NDArray dLogits) {
        NDArray[] grads = new NDArray[layout.count()];
        int stride = spec.bias() ? 2 : 1;
        NDArray d = dLogits;
        for (int l = spec.layerCount() - 1; l >= 0; l--) {
            NDArray h = act.inputs.get(l);
            grads[l * stride] = h.transpose().matMul(d); // ∂L/∂W_l = h_lᵀ·δ_l
            if (spec.bias()) {
                grads[l * stride + 1] = d.sum(new int[] {0}); // ∂L/∂b_l = Σ_batch δ_l
            }
            if (l > 0) {
                NDArray dh = d.matMul(params.get(l * stride).transpose()); // ∂L/∂h_l = δ_l·W_lᵀ
                NDArray a = act.preActivations.get(l - 1);
                d = spec.activation() == Activation.RELU
                        ? dh.muli(a.gt(0).toType(DataType.FLOAT32, false)) // relu'(a) = [a > 0]
                        : dh.muli(h.square().neg().addi(1)); // tanh'(a) = 1 − h_l²
            }
        }
        NDList out = new NDList(grads.length);
        for (NDArray g : grads) {
            out.add(g);
        }
        return out;
    }

    /**
     * Exact diagonal of the Hessian of the batch loss for a one-layer model (a GLM with canonical
     * link): ∂²L/∂W_ij² = Σ_b x_bi² c_bj and ∂²L/∂b_j² = Σ_b c_bj, where {@code curvature} c = ∂²L/∂z²
     * per sample and logit (1, p(1−p) or p_j(1−p_j)), already scaled by 1/batch.
     */
    public NDList diagonalHessian(NDArray x, NDArray curvature) {
        if (spec.layerCount() != 1) {
            throw new IllegalStateException("a diagonal Hessian is only available for one-layer models, not " + spec.kind().id());
        }
        NDList out = new NDList(layout.count());
        out.add(x.square().transpose().matMul(curvature));
        if (spec.bias()) {
            out.add(curvature.sum(new int[] {0}));
        }
        return out;
    }
}
