package dev.driftwise.streams.family;

/**
 * The parameters of a task family, read by name with a default and an allowed range. A scenario
 * file backs it with JSON (errors name the file and JSON path); {@link #defaults()} gives every
 * parameter its default, for code that builds a family directly.
 */
public interface FamilyParams {

    int integer(String name, int defaultValue, int min, int max);

    double number(String name, double defaultValue, double min, double max);

    boolean flag(String name, boolean defaultValue);

    /** A list of whole numbers, each in [min, max], at least one. */
    int[] integers(String name, int[] defaultValue, int min, int max);

    /** A list of numbers, at least one. */
    double[] numbers(String name, double[] defaultValue);

    /** An error about parameter {@code name} that says what is allowed (for rules across parameters). */
    IllegalArgumentException invalid(String name, Object value, String allowed);

    /** Every parameter at its default. */
    static FamilyParams defaults() {
        return new FamilyParams() {
            @Override public int integer(String name, int d, int min, int max) { return d; }
            @Override public double number(String name, double d, double min, double max) { return d; }
            @Override public boolean flag(String name, boolean d) { return d; }
            @Override public int[] integers(String name, int[] d, int min, int max) { return d.clone(); }
            @Override public double[] numbers(String name, double[] d) { return d.clone(); }
            @Override public IllegalArgumentException invalid(String name, Object value, String allowed) {
                return new IllegalArgumentException("parameter " + name + " = " + value + ": " + allowed);
            }
        };
    }
}
