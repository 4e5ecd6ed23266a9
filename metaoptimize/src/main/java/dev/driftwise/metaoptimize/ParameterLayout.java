package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The ordered, uniquely named parameter tensors an optimizer steps over. */
public final class ParameterLayout {

    /** One parameter tensor: its unique name and shape. */
    public record Entry(String name, Shape shape) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
        }

        public long size() {
            return shape.size();
        }
    }

    private final List<Entry> entries;
    private final long totalSize;

    private ParameterLayout(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("parameter layout is empty: an optimizer needs at least one parameter tensor");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (Entry e : entries) {
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("parameter name '" + e.name() + "' appears twice; names must be unique");
            }
            total += e.size();
        }
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
        this.totalSize = total;
    }

    public static ParameterLayout of(List<Entry> entries) {
        return new ParameterLayout(entries);
    }

    /** Layout of the given arrays; unnamed arrays are called {@code param<i>}. */
    public static ParameterLayout of(NDList parameters) {
        List<Entry> list = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            String name = p.getName() == null || p.getName().isEmpty() ? "param" + i : p.getName();
            list.add(new Entry(name, p.getShape()));
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

    public int indexOf(String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Total number of weights. */
    public long totalSize() {
        return totalSize;
    }

    /**
     * Checks that arrays match this layout (count and shapes).
     *
     * @param what "parameters" or "gradients", used in the message
     */
    public void check(NDList arrays, String what) {
        if (arrays.size() != entries.size()) {
            throw new IllegalArgumentException(what + ": got " + arrays.size() + " tensors, the layout has "
                    + entries.size() + " (" + names() + ")");
        }
        for (int i = 0; i < entries.size(); i++) {
            Shape s = arrays.get(i).getShape();
            if (!s.equals(entries.get(i).shape())) {
                throw new IllegalArgumentException(what + "[" + i + "] ('" + entries.get(i).name() + "') has shape "
                        + s + ", the layout expects " + entries.get(i).shape());
            }
        }
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
