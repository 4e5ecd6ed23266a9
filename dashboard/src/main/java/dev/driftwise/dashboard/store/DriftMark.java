package dev.driftwise.dashboard.store;

/**
 * Drift number {@code index} of a stream began at sample {@code at} (its seq), as the generator's
 * ground truth says; {@code phase} is ABRUPT, GRADUAL or INCREMENTAL; {@code to} is -1 while a
 * gradual drift has not settled on its new concept.
 */
public record DriftMark(long at, int index, String phase, int from, int to) {

    public String label() {
        return label(index, phase, from, to);
    }

    /** How a drift is named wherever it is shown (dashboard, demo report and progress lines). */
    public static String label(int index, String phase, int from, int to) {
        return switch (phase) {
            case "ABRUPT" -> "abrupt drift #" + index + ": concept " + from + " → " + to;
            case "GRADUAL" -> "gradual drift #" + index + " away from concept " + from;
            case "INCREMENTAL" -> "incremental drift #" + index + ": concept " + from + " moves";
            default -> "drift #" + index + " (" + phase + ")";
        };
    }
}
