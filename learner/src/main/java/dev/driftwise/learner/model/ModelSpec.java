package dev.driftwise.learner.model;

import dev.driftwise.metaoptimize.spec.ModelFacts;
import java.util.Arrays;

/**
 * What model a learner trains: an immutable value with a canonical string form (a flat JSON
 * object) that snapshots record and {@link #parse} reads back. A linear, logistic or softmax model
 * is one dense layer; an MLP adds hidden layers. Weights of layer l are named {@code layer<l>.weight}
 * (shape inputs × outputs, so a layer computes x·W + b) and {@code layer<l>.bias}, so optimizer
 * step-size blocks can be named by layer.
 *
 * @param kind model family
 * @param task what it predicts (fixed by the kind except for an MLP)
 * @param inputs number of features
 * @param hidden hidden layer widths (empty unless MLP)
 * @param activation hidden activation (null unless MLP)
 * @param classes number of classes for a multiclass task (0 otherwise)
 * @param bias whether every layer has a bias
 * @param standardize whether features are standardised online (running mean and variance)
 * @param seed seed of the deterministic weight initialisation
 */
public record ModelSpec(ModelKind kind, Task task, int inputs, int[] hidden, Activation activation, int classes,
                        boolean bias, boolean standardize, long seed) {

    public ModelSpec {
        if (kind == null) {
            throw new IllegalArgumentException("model spec field 'model' is missing; use linear, logistic, softmax or mlp");
        }
        if (kind.fixedTask() != null && task != null && task != kind.fixedTask()) {
            throw new IllegalArgumentException("model spec field 'task': a " + kind.id() + " model has task "
                    + kind.fixedTask().id() + ", got " + task.id() + "; drop the field or use model mlp");
        }
        task = kind.fixedTask() != null ? kind.fixedTask() : task;
        if (task == null) {
            throw new IllegalArgumentException("model spec field 'task' is missing for an mlp; use regression, binary or multiclass");
        }
        if (inputs < 1) {
            throw new IllegalArgumentException("model spec field 'inputs': must be at least 1, got " + inputs);
        }
        hidden = hidden == null ? new int[0] : hidden.clone();
        if (kind == ModelKind.MLP) {
            if (hidden.length == 0) {
                throw new IllegalArgumentException("model spec field 'hidden': an mlp needs at least one hidden layer, e.g. \"hidden\":[64]");
            }
            for (int h : hidden) {
                if (h < 1) {
                    throw new IllegalArgumentException("model spec field 'hidden': widths must be at least 1, got " + Arrays.toString(hidden));
                }
            }
            if (activation == null) {
                activation = Activation.RELU;
            }
        } else {
            if (hidden.length > 0) {
                throw new IllegalArgumentException("model spec field 'hidden': a " + kind.id()
                        + " model has no hidden layers, got " + Arrays.toString(hidden) + "; use model mlp");
            }
            activation = null;
        }
        if (task == Task.MULTICLASS) {
            if (classes < 2) {
                throw new IllegalArgumentException("model spec field 'classes': a multiclass model needs at least 2 classes, got " + classes);
            }
        } else if (classes != 0) {
            throw new IllegalArgumentException("model spec field 'classes': only a multiclass task has classes, got "
                    + classes + " for task " + task.id());
        }
    }

    public static ModelSpec linearRegression(int inputs) {
        return new ModelSpec(ModelKind.LINEAR, null, inputs, null, null, 0, true, false, 0);
    }

    public static ModelSpec logisticRegression(int inputs) {
        return new ModelSpec(ModelKind.LOGISTIC, null, inputs, null, null, 0, true, false, 0);
    }

    public static ModelSpec softmaxRegression(int inputs, int classes) {
        return new ModelSpec(ModelKind.SOFTMAX, null, inputs, null, null, classes, true, false, 0);
    }

    /** An MLP; {@code classes} is ignored unless the task is multiclass. */
    public static ModelSpec mlp(int inputs, int[] hidden, Activation activation, Task task, int classes) {
        return new ModelSpec(ModelKind.MLP, task, inputs, hidden, activation, task == Task.MULTICLASS ? classes : 0,
                true, false, 0);
    }

    public ModelSpec withBias(boolean bias) {
        return new ModelSpec(kind, task, inputs, hidden, activation, classes, bias, standardize, seed);
    }

    public ModelSpec withStandardization(boolean standardize) {
        return new ModelSpec(kind, task, inputs, hidden, activation, classes, bias, standardize, seed);
    }

    public ModelSpec withSeed(long seed) {
        return new ModelSpec(kind, task, inputs, hidden, activation, classes, bias, standardize, seed);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Width of layer {@code l}'s input ({@code l = 0 .. layerCount()-1}). */
    public int layerInputs(int l) {
        return l == 0 ? inputs : hidden[l - 1];
    }

    /** Width of layer {@code l}'s output. */
    public int layerOutputs(int l) {
        return l < hidden.length ? hidden[l] : outputs();
    }

    public int layerCount() {
        return hidden.length + 1;
    }

    /** Logits per sample: the number of classes for multiclass, else 1. */
    public int outputs() {
        return task == Task.MULTICLASS ? classes : 1;
    }

    /** What the {@code default} optimizer is chosen from. */
    public ModelFacts facts() {
        return new ModelFacts(kind.id(), task.id(), Math.toIntExact(parameterCount()), layerCount() == 1);
    }

    /** Total number of weights. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < layerCount(); l++) {
            n += (long) layerInputs(l) * layerOutputs(l) + (bias ? layerOutputs(l) : 0);
        }
        return n;
    }

    /** The canonical string form, e.g. {@code {"model":"linear","task":"regression","inputs":20,"bias":true,...}}. */
    public String toCanonicalString() {
        StringBuilder sb = new StringBuilder("{\"model\":\"").append(kind.id()).append("\",\"task\":\"").append(task.id())
                .append("\",\"inputs\":").append(inputs);
        if (kind == ModelKind.MLP) {
            sb.append(",\"hidden\":[");
            for (int i = 0; i < hidden.length; i++) {
                sb.append(i == 0 ? "" : ",").append(hidden[i]);
            }
            sb.append("],\"activation\":\"").append(activation.id()).append('"');
        }
        if (task == Task.MULTICLASS) {
            sb.append(",\"classes\":").append(classes);
        }
        return sb.append(",\"bias\":").append(bias).append(",\"standardize\":").append(standardize)
                .append(",\"seed\":").append(seed).append('}').toString();
    }

    /** Reads a canonical string (fields in any order; optional ones default). Errors name the field. */
    /**
     * Reads the canonical JSON form or a shorthand ({@code linear:20}, {@code logistic:3},
     * {@code softmax:100:10}, {@code mlp:100-128-10}).
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static ModelSpec parse(String text) {
        return ModelSpecParser.parse(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec other && toCanonicalString().equals(other.toCanonicalString());
    }

    @Override
    public int hashCode() {
        return toCanonicalString().hashCode();
    }

    @Override
    public String toString() {
        return toCanonicalString();
    }
}
