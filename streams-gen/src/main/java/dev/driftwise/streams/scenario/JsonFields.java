package dev.driftwise.streams.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated reads from one JSON object of a scenario file. Every failure is a
 * {@link ScenarioException} naming the file, the field's JSON path, the value and what is allowed.
 */
final class JsonFields {

    private final String source;
    private final String path;
    private final JsonNode node;

    JsonFields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw new ScenarioException(source, path, shown(node), "expected a JSON object { ... }");
        }
    }

    String source() {
        return source;
    }

    String path() {
        return path;
    }

    String pathOf(String name) {
        return path + "." + name;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    ScenarioException error(String name, Object value, String allowed) {
        return new ScenarioException(source, pathOf(name), value, allowed);
    }

    /** The names of the fields present, sorted. */
    Set<String> fieldNames() {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Rejects any field not in {@code allowed} (a typo should not silently fall back to a default). */
    void allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ScenarioException(source, pathOf(name), null,
                        "unknown field; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw error(name, shown(v), "required: a non-empty string");
        }
        return v.asText();
    }

    String text(String name, String defaultValue) {
        return has(name) ? text(name) : defaultValue;
    }

    JsonFields object(String name) {
        return new JsonFields(source, pathOf(name), node.get(name));
    }

    /** An optional object; absent reads as empty. */
    JsonFields objectOrEmpty(String name) {
        return has(name) ? object(name) : new JsonFields(source, pathOf(name), JsonNodeFactory.instance.objectNode());
    }

    /** The elements of an array of objects; absent reads as empty unless {@code required}. */
    List<JsonFields> objects(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw error(name, null, "required: a non-empty array of objects");
            }
            return List.of();
        }
        if (!v.isArray() || (required && v.isEmpty())) {
            throw error(name, shown(v), "expected a non-empty array of objects [ {...}, ... ]");
        }
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new JsonFields(source, pathOf(name) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    long wholeNumber(String name, long min, long max) {
        return wholeNumber(path, name, node.get(name), min, max);
    }

    long wholeNumber(String name, long defaultValue, long min, long max) {
        return has(name) ? wholeNumber(name, min, max) : defaultValue;
    }

    double number(String name, double min, double max) {
        return number(pathOf(name), node.get(name), min, max);
    }

    double number(String name, double defaultValue, double min, double max) {
        return has(name) ? number(name, min, max) : defaultValue;
    }

    boolean flag(String name, boolean defaultValue) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw error(name, shown(v), "expected true or false");
        }
        return v.asBoolean();
    }

    /** A non-empty array of whole numbers, each in [min, max]. */
    long[] wholeNumbers(String name, long min, long max) {
        JsonNode v = node.get(name);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw error(name, shown(v), "expected a non-empty array of whole numbers in " + range(min, max));
        }
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = wholeNumber(pathOf(name), "[" + i + "]", v.get(i), min, max);
        }
        return out;
    }

    /** A non-empty array of numbers, each in [min, max]. */
    double[] numbers(String name, double min, double max) {
        JsonNode v = node.get(name);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw error(name, shown(v), "expected a non-empty array of numbers in " + range(min, max));
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(pathOf(name) + "[" + i + "]", v.get(i), min, max);
        }
        return out;
    }

    private long wholeNumber(String parent, String name, JsonNode v, long min, long max) {
        String at = name.startsWith("[") ? parent + name : parent + "." + name;
        boolean whole = v != null && v.isNumber() && (v.isIntegralNumber() ? v.canConvertToLong()
                : v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9e15);
        if (!whole || v.asLong() < min || v.asLong() > max) {
            throw new ScenarioException(source, at, shown(v), "expected a whole number in " + range(min, max));
        }
        return v.asLong();
    }

    private double number(String at, JsonNode v, double min, double max) {
        if (v == null || !v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw new ScenarioException(source, at, shown(v), "expected a number in " + range(min, max));
        }
        return v.asDouble();
    }

    private static String range(double min, double max) {
        String low = min > 0 && min <= 1e-9 ? "(0" : "[" + plain(min);
        return low + ", " + plain(max) + "]";
    }

    private static String plain(double v) {
        if (v == Long.MAX_VALUE || v == Integer.MAX_VALUE || v == Double.MAX_VALUE) {
            return "∞";
        }
        if (v == Long.MIN_VALUE || v == -Double.MAX_VALUE) {
            return "−∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String shown(JsonNode v) {
        return v == null ? "(missing)" : v.toString();
    }
}
