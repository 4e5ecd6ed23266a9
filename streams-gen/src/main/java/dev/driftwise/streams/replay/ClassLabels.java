package dev.driftwise.streams.replay;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class labels of a CSV's target column, numbered 0 … k−1 in sorted order: numerically when
 * every label is a number (so "0"/"1" stay 0/1 and "9" comes before "10"), else as text.
 */
final class ClassLabels {

    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();

    ClassLabels(Collection<String> distinct) {
        boolean numeric = distinct.stream().allMatch(ClassLabels::isNumber);
        // by value, then by text, so that "1" and "1.0" stay two labels
        TreeSet<String> sorted = numeric
                ? new TreeSet<>(Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder()))
                : new TreeSet<>();
        sorted.addAll(distinct);
        this.labels = List.copyOf(sorted);
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
    }

    /** The labels in class-index order. */
    List<String> labels() {
        return labels;
    }

    /** The class index of {@code label}, or -1 when the file had no such label. */
    int indexOf(String label) {
        return index.getOrDefault(label, -1);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
