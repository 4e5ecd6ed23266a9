package dev.driftwise.learner.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the flat JSON object of {@link ModelSpec#toCanonicalString()}: string, whole-number, boolean
 * and whole-number-array values. Errors name the field, what was found and what is expected.
 */
final class ModelSpecParser {

    private static final Set<String> FIELDS =
            Set.of("model", "task", "inputs", "hidden", "activation", "classes", "bias", "standardize", "seed");

    private final String text;
    private int pos;

    private ModelSpecParser(String text) {
        this.text = text;
    }

    static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("model spec is empty; expected e.g. {\"model\":\"linear\",\"inputs\":20}");
        }
        Map<String, Object> fields = new ModelSpecParser(text).object();
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("model spec field '" + name + "' is unknown; known fields: " + FIELDS);
            }
        }
        ModelKind kind = ModelKind.fromId("model", string(fields, "model", null));
        String taskId = string(fields, "task", null);
        Task task = taskId == null ? null : Task.fromId("task", taskId);
        String activationId = string(fields, "activation", null);
        Activation activation = activationId == null ? null : Activation.fromId("activation", activationId);
        return new ModelSpec(kind, task, (int) whole(fields, "inputs", -1, true), wholes(fields, "hidden"), activation,
                (int) whole(fields, "classes", 0, true), bool(fields, "bias", true), bool(fields, "standardize", false),
                whole(fields, "seed", 0, false));
    }

    private static String string(Map<String, Object> f, String name, String fallback) {
        Object v = f.get(name);
        if (v == null) {
            if (fallback == null && name.equals("model")) {
                throw new IllegalArgumentException("model spec field 'model' is missing; use linear, logistic, softmax or mlp");
            }
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a string in quotes, got " + v);
        }
        return s;
    }

    private static long whole(Map<String, Object> f, String name, long fallback, boolean isInt) {
        Object v = f.get(name);
        if (v == null) {
            if (fallback < 0) {
                throw new IllegalArgumentException("model spec field '" + name + "' is missing; e.g. \"" + name + "\":20");
            }
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a whole number, got \"" + v + "\"");
        }
        long n = ((Number) v).longValue();
        if (isInt && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("model spec field '" + name + "': " + n + " is too large");
        }
        return n;
    }

    private static int[] wholes(Map<String, Object> f, String name) {
        Object v = f.get(name);
        if (v == null) {
            return new int[0];
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected a list like [64,32], got " + v);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n) || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("model spec field '" + name + "': entry " + i + " is not a whole number: " + list.get(i));
            }
            out[i] = (int) (long) n;
        }
        return out;
    }

    private static boolean bool(Map<String, Object> f, String name, boolean fallback) {
        Object v = f.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("model spec field '" + name + "': expected true or false, got " + v);
        }
        return b;
    }

    private Map<String, Object> object() {
        Map<String, Object> fields = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
        } else {
            do {
                String name = quoted();
                expect(':');
                if (fields.put(name, value(name)) != null) {
                    throw new IllegalArgumentException("model spec field '" + name + "' appears twice");
                }
            } while (consume(','));
            expect('}');
        }
        if (peek() != 0) {
            throw error("unexpected text after the closing '}'");
        }
        return fields;
    }

    private Object value(String field) {
        char c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            if (!consume(']')) {
                do {
                    list.add(value(field));
                } while (consume(','));
                expect(']');
            }
            return list;
        }
        int start = pos;
        while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("true") || word.equals("false")) {
            return Boolean.valueOf(word);
        }
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model spec field '" + field + "': cannot read value \"" + word
                    + "\"; expected a whole number, true/false, a \"string\" or a [list]");
        }
    }

    private String quoted() {
        expect('"');
        int end = text.indexOf('"', pos);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos, end);
        pos = end + 1;
        return s;
    }

    private char peek() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("model spec is not a flat JSON object: " + what + " at character " + pos
                + " of " + text);
    }
}
