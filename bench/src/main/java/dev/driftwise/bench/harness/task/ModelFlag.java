package dev.driftwise.bench.harness.task;

import dev.driftwise.learner.model.Activation;
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
        try {
            if (model.startsWith("{")) {
                return ModelSpec.parse(model);
            }
            String[] p = model.split(":", -1);
            return switch (p[0]) {
                case "linear" -> ModelSpec.linearRegression(whole(model, p, 1));
                case "logistic" -> ModelSpec.logisticRegression(whole(model, p, 1));
                case "softmax" -> ModelSpec.softmaxRegression(whole(model, p, 1), whole(model, p, 2));
                case "mlp" -> mlp(model, p, task);
                default -> throw bad(model, "'" + p[0] + "' is not a model; use " + FORMS);
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("--model ") ? e : bad(model, e.getMessage());
        }
    }

    private static ModelSpec mlp(String model, String[] p, Task task) {
        if (p.length != 2) {
            throw bad(model, "an mlp reads mlp:<inputs>-<hidden>-...-<outputs>, e.g. mlp:8-32-1");
        }
        String[] sizes = p[1].split("-", -1);
        if (sizes.length < 3) {
            throw bad(model, "an mlp needs inputs, at least one hidden width and outputs, e.g. mlp:8-32-1");
        }
        int[] n = new int[sizes.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = whole(model, sizes, i);
        }
        int outputs = n[n.length - 1];
        Task kind = outputs > 1 ? Task.MULTICLASS : task == Task.BINARY ? Task.BINARY : Task.REGRESSION;
        return ModelSpec.mlp(n[0], Arrays.copyOfRange(n, 1, n.length - 1), Activation.RELU, kind, outputs);
    }

    private static int whole(String model, String[] parts, int i) {
        String text = i < parts.length ? parts[i] : "";
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw bad(model, (text.isEmpty() ? "a size is missing" : "'" + text + "' is not a positive whole number")
                + "; use " + FORMS);
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
