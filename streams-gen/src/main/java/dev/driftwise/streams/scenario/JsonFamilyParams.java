package dev.driftwise.streams.scenario;

import dev.driftwise.streams.family.FamilyParams;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A family's {@code params} object from a scenario file. Remembers which parameters the family asked
 * for, so that {@link #rejectUnread} can name a misspelt one together with the family's real ones.
 */
final class JsonFamilyParams implements FamilyParams {

    private final JsonFields fields;
    private final Set<String> read = new HashSet<>();

    JsonFamilyParams(JsonFields fields) {
        this.fields = fields;
    }

    @Override
    public int integer(String name, int defaultValue, int min, int max) {
        read.add(name);
        return (int) fields.wholeNumber(name, defaultValue, min, max);
    }

    @Override
    public double number(String name, double defaultValue, double min, double max) {
        read.add(name);
        return fields.number(name, defaultValue, min, max);
    }

    @Override
    public boolean flag(String name, boolean defaultValue) {
        read.add(name);
        return fields.flag(name, defaultValue);
    }

    @Override
    public int[] integers(String name, int[] defaultValue, int min, int max) {
        read.add(name);
        if (!fields.has(name)) {
            return defaultValue.clone();
        }
        long[] values = fields.wholeNumbers(name, min, max);
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    @Override
    public double[] numbers(String name, double[] defaultValue) {
        read.add(name);
        return fields.has(name) ? fields.numbers(name, -Double.MAX_VALUE, Double.MAX_VALUE) : defaultValue.clone();
    }

    @Override
    public IllegalArgumentException invalid(String name, Object value, String allowed) {
        return fields.error(name, value, allowed);
    }

    /** Fails on a parameter the family never asked for. */
    void rejectUnread(String family) {
        for (String name : fields.fieldNames()) {
            if (!read.contains(name)) {
                throw fields.error(name, null, "not a parameter of family '" + family + "'; its parameters: "
                        + String.join(", ", new TreeSet<>(read)));
            }
        }
    }
}
