package dev.driftwise.metaoptimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered, uniquely named parameter tensors an optimizer steps over, laid end to end in one flat
 * vector: tensor p occupies {@code [offset(p), offset(p) + size(p))}. Optimizer state (moments,
 * traces, per-weight step sizes) uses the same flat layout.
 */
public final class ParameterLayout {

    /** One parameter tensor: its unique name and row-major shape. */
    public record Entry(String name, int[] shape) {
        public Entry {
            Objects.requireNonNull(name, "name");
            shape = shape.clone();
            for (int d : shape) {
                if (d < 1) {
                    throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                            + "; every dimension must be at least 1");
                }
            }
        }

        public int size() {
            long s = 1;
            for (int d : shape) {
                s *= d;
            }
            return Math.toIntExact(s);
        }

        /** Rows when viewed as a matrix: the first dimension (1 for a vector). */
        public int rows() {
            return shape.length < 2 ? 1 : shape[0];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && name.equals(e.name) && Arrays.equals(shape, e.shape);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    private final List<Entry> entries;
    private final int[] offsets;
    private final int totalSize;

    private ParameterLayout(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("parameter layout is empty: an optimizer needs at least one parameter tensor");
        }
        Set<String> seen = new HashSet<>();
        offsets = new int[entries.size()];
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("parameter name '" + e.name() + "' appears twice; names must be unique");
            }
            offsets[i] = Math.toIntExact(total);
            total += e.size();
        }
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
        this.totalSize = Math.toIntExact(total);
    }

    public static ParameterLayout of(List<Entry> entries) {
        return new ParameterLayout(entries);
    }

    /** A layout of one tensor per (name, size) pair, each a vector: for tests and hand-built optimizers. */
    public static ParameterLayout vectors(Object... namesAndSizes) {
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < namesAndSizes.length; i += 2) {
            list.add(new Entry((String) namesAndSizes[i], new int[] {(Integer) namesAndSizes[i + 1]}));
        }
        return new ParameterLayout(list);
    }

    public List<Entry> entries() {
        return entries;
    }

    public int count() {
        return entries.size();
    }

    public Entry get(int index) {
        return entries.get(index);
    }

    /** Where tensor {@code index} starts in the flat vector. */
    public int offset(int index) {
        return offsets[index];
    }

    public int indexOf(String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Total number of weights: the length of the flat vector. */
    public int totalSize() {
        return totalSize;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            names.add(e.name());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
