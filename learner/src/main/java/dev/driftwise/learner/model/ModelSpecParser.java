package dev.driftwise.learner.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model spec: the JSON object of {@link ModelSpec#toCanonicalString()} (with Jackson) or a
 * shorthand, {@code linear:<d>}, {@code logistic:<d>}, {@code softmax:<d>:<classes>},
 * {@code mlp:<d>-<hidden>-…-<outputs>} (ReLU; 1 output = regression). Read specs standardise their
 * inputs online unless {@code "standardize": false} says otherwise: raw-scale columns (money, a date
 * ordinal) are the common case on a stream, and unit-scale inputs lose nothing by it. Errors name the
 * field, what was found and what is expected.
 */
final class ModelSpecParser {

    private static final Set<String> FIELDS =
            Set.of("model", "task", "inputs", "hidden", "activation", "classes", "bias", "standardize", "seed");
    static final String SHORTHANDS = "a JSON object such as {\"model\":\"linear\",\"inputs\":20}, or linear:<d>, logistic:<d>, "
            + "softmax:<d>:<classes>, mlp:<d>-<hidden>-...-<outputs>";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelSpecParser() {}

    static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("model spec is empty; expected " + SHORTHANDS);
        }
        String t = text.trim();
        return t.startsWith("{") ? json(t) : shorthand(t);
    }

    private static ModelSpec json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why.startsWith("Duplicate field")) {
                throw new IllegalArgumentException("model spec field " + why.substring("Duplicate field ".length())
                        + " appears twice");
            }
            throw new IllegalArgumentException("model spec is not valid JSON: " + why + " at character "
                    + e.getLocation().getCharOffset() + "; expected " + SHORTHANDS);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("model spec is not a JSON object: " + text);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("model spec field '" + name + "' is unknown; known fields: " + FIELDS);
            }
        }
        String model = string(root, "model");
        if (model == null) {
            throw new IllegalArgumentException("model spec field 'model' is missing; use linear, logistic, softmax or mlp");
        }
        String taskId = string(root, "task");
        String activationId = string(root, "activation");
        return new ModelSpec(ModelKind.fromId("model", model), taskId == null ? null : Task.fromId("task", taskId),
                (int) whole(root, "inputs", -1, true), wholes(root, "hidden"),
                activationId == null ? null : Activation.fromId("activation", activationId),
                (int) whole(root, "classes", 0, true), bool(root, "bias", true), bool(root, "standardize", true),
                whole(root, "seed", 0, false));
    }

    private static String string(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a string in quotes, got " + v);
        }
        return v.asText();
    }

    private static long whole(JsonNode root, String name, long fallback, boolean isInt) {
        JsonNode v = root.get(name);
        if (v == null) {
            if (fallback < 0) {
                throw new IllegalArgumentException("model spec field '" + name + "' is missing; e.g. \"" + name + "\":20");
            }
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a whole number, got " + v);
        }
        if (isInt && !v.canConvertToInt()) {
            throw new IllegalArgumentException("model spec field '" + name + "': " + v + " is too large");
        }
        return v.asLong();
    }

    private static int[] wholes(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null) {
            return new int[0];
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a list like [64,32], got " + v);
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isIntegralNumber() || !v.get(i).canConvertToInt()) {
                throw new IllegalArgumentException("model spec field '" + name + "': entry " + i + " is not a whole number: " + v.get(i));
            }
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    private static boolean bool(JsonNode root, String name, boolean fallback) {
        JsonNode v = root.get(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static ModelSpec shorthand(String model) {
        return shorthandKind(model).withStandardization(true);
    }

    private static ModelSpec shorthandKind(String model) {
        String[] p = model.split(":");
        try {
            return switch (p[0]) {
                case "linear" -> ModelSpec.linearRegression(positive(model, p[1]));
                case "logistic" -> ModelSpec.logisticRegression(positive(model, p[1]));
                case "softmax" -> ModelSpec.softmaxRegression(positive(model, p[1]), positive(model, p[2]));
                case "mlp" -> {
                    String[] sizes = p[1].split("-");
                    if (sizes.length < 3) {
                        throw new IllegalArgumentException("model spec '" + model + "': an mlp is <d>-<hidden>-...-<outputs>, "
                                + "e.g. mlp:100-128-10");
                    }
                    int[] hidden = new int[sizes.length - 2];
                    for (int i = 0; i < hidden.length; i++) {
                        hidden[i] = positive(model, sizes[i + 1]);
                    }
                    int outputs = positive(model, sizes[sizes.length - 1]);
                    Task task = outputs == 1 ? Task.REGRESSION : Task.MULTICLASS;
                    yield ModelSpec.mlp(positive(model, sizes[0]), hidden, Activation.RELU, task, outputs == 1 ? 0 : outputs);
                }
                default -> throw new IllegalArgumentException("model spec '" + model + "' is unknown; expected " + SHORTHANDS);
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("model spec '" + model + "' is incomplete; expected " + SHORTHANDS);
        }
    }

    private static int positive(String model, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("model spec '" + model + "': '" + text + "' is not a positive whole number; "
                + "expected " + SHORTHANDS);
    }
}
