package dev.driftwise.bench.harness.task;

import dev.driftwise.learner.model.ModelKind;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import java.util.Arrays;

/**
 * Reads {@code bench --csv --model}: the job's {@code --model} forms, {@code linear:<d>},
 * {@code logistic:<d>}, {@code softmax:<d>:<classes>}, {@code mlp:<d>-<hidden>-…-<outputs>} (ReLU), or
 * a learner JSON spec ({@link ModelSpec#parse}). An MLP with one output predicts a regression
 * target, or a binary one under {@code --task binary} (the job's form has no way to say so); with k ≥ 2
 * outputs it is a k-class classifier. Errors name the flag, the value and the forms.
 */
final class ModelFlag {

    static final String FORMS = "linear:<d>, logistic:<d>, softmax:<d>:<classes>, mlp:<d>-<hidden>-...-<outputs>"
            + " or a learner JSON spec such as {\"model\":\"linear\",\"inputs\":3}";

    private ModelFlag() {
    }

    /** @param task the --task given with it, or null */
    static ModelSpec parse(String text, Task task) {
        String model = text.strip();
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(model); // the learner's reader: the job's --model reads the same forms
        } catch (IllegalArgumentException e) {
            throw bad(model, e.getMessage());
        }
        boolean shortMlpOfOneOutput = !model.startsWith("{") && spec.kind() == ModelKind.MLP && spec.outputs() == 1;
        if (shortMlpOfOneOutput && task == Task.BINARY) {
            return new ModelSpec(ModelKind.MLP, Task.BINARY, spec.inputs(), spec.hidden(), spec.activation(), spec.classes(), spec.bias(),
                    spec.standardize(), spec.seed());
        }
        return spec;
    }

    /** How to give {@code text}'s model {@code inputs} inputs instead: the short form again, or the JSON field. */
    static String withInputs(String text, ModelSpec spec, int inputs) {
        if (text.strip().startsWith("{")) {
            return "set \"inputs\":" + inputs + " in the JSON spec";
        }
        String form = switch (spec.kind()) {
            case LINEAR -> "linear:" + inputs;
            case LOGISTIC -> "logistic:" + inputs;
            case SOFTMAX -> "softmax:" + inputs + ":" + spec.classes();
            case MLP -> "mlp:" + inputs + Arrays.stream(spec.hidden()).mapToObj(h -> "-" + h).reduce("", String::concat)
                    + "-" + spec.outputs();
        };
        return "use --model " + form;
    }

    private static IllegalArgumentException bad(String model, String why) {
        return new IllegalArgumentException("--model " + model + ": " + why);
    }
}
