package dev.driftwise.metaoptimize.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lets a DJL {@code Trainer} train with MetaOptimize. DJL calls {@link #update} once per trainable
 * parameter on every {@code trainer.step()}; MetaOptimize needs all gradients at once (its
 * meta-gradient sums over blocks of tensors). So this adapter buffers: <b>one MetaOptimize step is
 * delimited by every trainable parameter of the block having been handed over once</b>; the step
 * runs when the last one arrives, and updates all weights in place. A parameter handed over twice
 * before the others is an error (a step that DJL did not finish).
 *
 * <p>The MetaOptimize instance is built on the first complete step, when the parameter shapes are
 * known; its layout uses the block's parameter names. DJL's own {@code optWeightDecays} is refused
 * (use {@link MetaOptimizeBuilder#optWeightDecay}, which is decoupled and scaled by the learned α);
 * {@code setRescaleGrad} and {@code optClipGrad} are applied to the gradient before the step. After
 * copying a gradient the adapter zeroes the parameter's accumulated gradient, as DJL's own
 * optimizers do.
 */
public final class MetaOptimizeDjlOptimizer extends Optimizer {

    private final MetaOptimizeBuilder settings;
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final NDArray[] weights;
    private final NDArray[] gradients;
    private int received;
    private NDManager manager;
    private MetaOptimize engine;
    private TorchEngine tensors;
    private Vec flatWeights;
    private Vec flatGradients;
    private Vec[] weightSlices;
    private Vec[] gradientSlices;

    private MetaOptimizeDjlOptimizer(Builder builder) {
        super(builder);
        if (getWeightDecay() != 0) {
            throw new IllegalArgumentException("optWeightDecays = " + getWeightDecay() + " is not supported: set the "
                    + "weight decay with MetaOptimizeBuilder.optWeightDecay (decoupled, scaled by the learned α)");
        }
        this.settings = Objects.requireNonNull(builder.settings, "settings: call optSettings(MetaOptimize.builder()...)");
        Objects.requireNonNull(builder.block, "block: call forBlock(block) with the block the trainer trains");
        settings.config(); // fail fast on bad settings
        for (Pair<String, Parameter> p : builder.block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                indexOf.put(p.getValue().getId(), ids.size());
                ids.add(p.getValue().getId());
                names.add(p.getKey());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("block has no trainable parameter");
        }
        weights = new NDArray[ids.size()];
        gradients = new NDArray[ids.size()];
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Integer index = indexOf.get(parameterId);
        if (index == null) {
            throw new IllegalArgumentException("parameter id " + parameterId + " is not a trainable parameter of the "
                    + "block given to forBlock(...); build the optimizer for the block the trainer trains");
        }
        if (gradients[index] != null) {
            throw new IllegalStateException("parameter '" + names.get(index) + "' was updated twice before "
                    + (ids.size() - received) + " other parameter(s) arrived; a MetaOptimize step needs every "
                    + "trainable parameter once");
        }
        if (manager == null) {
            manager = weight.getManager().newSubManager();
        }
        NDArray g = grad.duplicate(); // DJL may close grad after this call
        g.attach(manager);
        zeroGradient(weight);
        if (rescaleGrad != 1f) {
            g.muli(rescaleGrad);
        }
        if (clipGrad > 0) {
            NDArray clipped = g.clip(-clipGrad, clipGrad);
            clipped.attach(manager);
            g.close();
            g = clipped;
        }
        weights[index] = weight;
        gradients[index] = g;
        received++;
        if (received == ids.size()) {
            stepAll();
        }
    }

    /**
     * libtorch accumulates into {@code .grad} and DJL's Trainer does not clear it (DJL's built-in
     * optimizers clear it inside their native update), so the adapter does, once the gradient is copied.
     */
    private static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            boolean on = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                JniUtils.zeroGrad(pt);
            } finally {
                JniUtils.setGradMode(on);
            }
        } else if (weight.hasGradient()) {
            NDArray g = weight.getGradient();
            g.subi(g);
        }
    }

    /**
     * MetaOptimize works on one flat vector per kind: the trainer's weights and gradients are copied
     * into flat buffers on the weights' device, stepped, and the weights copied back (three device
     * copies per tensor; the equations run as they do for the learner).
     */
    private void stepAll() {
        try {
            if (engine == null) {
                List<ParameterLayout.Entry> entries = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    long[] shape = weights[i].getShape().getShape();
                    int[] dims = new int[shape.length];
                    for (int d = 0; d < dims.length; d++) {
                        dims[d] = Math.toIntExact(shape[d]);
                    }
                    entries.add(new ParameterLayout.Entry(names.get(i), dims));
                }
                ParameterLayout layout = ParameterLayout.of(entries);
                DType dtype = weights[0].getDataType() == DataType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
                tensors = new TorchEngine(weights[0].getDevice());
                flatWeights = tensors.zeros(layout.totalSize(), dtype);
                flatGradients = tensors.zeros(layout.totalSize(), dtype);
                engine = settings.build(layout, tensors, dtype);
                weightSlices = new Vec[ids.size()];
                gradientSlices = new Vec[ids.size()];
                for (int i = 0; i < ids.size(); i++) {
                    weightSlices[i] = flatWeights.slice(layout.offset(i), layout.get(i).size());
                    gradientSlices[i] = flatGradients.slice(layout.offset(i), layout.get(i).size());
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                tensors.copyFrom(weights[i], weightSlices[i]);
                tensors.copyFrom(gradients[i], gradientSlices[i]);
            }
            engine.step(flatWeights, flatGradients);
            for (int i = 0; i < ids.size(); i++) {
                tensors.copyTo(weightSlices[i], weights[i]);
            }
        } finally {
            for (NDArray g : gradients) {
                if (g != null) {
                    g.close();
                }
            }
            java.util.Arrays.fill(weights, null);
            java.util.Arrays.fill(gradients, null);
            received = 0;
        }
    }

    /** The MetaOptimize instance (null before the first complete step): step sizes, spec, state. */
    public MetaOptimize engine() {
        return engine;
    }

    /** Builder in DJL's style; {@link #optSettings} takes MetaOptimize's own settings. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private MetaOptimizeBuilder settings;
        private Block block;

        public Builder optSettings(MetaOptimizeBuilder settings) {
            this.settings = settings;
            return this;
        }

        /** The block whose trainable parameters form the optimizer's layout, in the block's order. */
        public Builder forBlock(Block block) {
            this.block = block;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public MetaOptimizeDjlOptimizer build() {
            return new MetaOptimizeDjlOptimizer(this);
        }
    }
}
