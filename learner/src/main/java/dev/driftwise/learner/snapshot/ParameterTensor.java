package dev.driftwise.learner.snapshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.ParameterLayout;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One parameter tensor copied to the host: what a published model snapshot carries.
 *
 * @param name e.g. {@code layer0.weight}
 * @param shape dimensions, row-major
 * @param data float32 values, row-major
 */
public record ParameterTensor(String name, long[] shape, float[] data) {

    public ParameterTensor {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape) + " ("
                    + size + " values) but " + data.length + " values");
        }
    }

    /** Copies a (possibly device-resident) array to the host. */
    public static ParameterTensor of(NDArray array) {
        return new ParameterTensor(array.getName(), array.getShape().getShape(), array.toFloatArray());
    }

    /** Fails, naming the first difference, unless {@code tensors} match {@code layout} in order, names and shapes. */
    public static void checkMatches(ParameterLayout layout, List<ParameterTensor> tensors) {
        if (tensors.size() != layout.count()) {
            throw new IllegalArgumentException("snapshot holds " + tensors.size() + " parameter tensors " + tensors
                    + ", the model has " + layout.count() + " " + layout.names());
        }
        for (int i = 0; i < tensors.size(); i++) {
            ParameterTensor t = tensors.get(i);
            ParameterLayout.Entry e = layout.get(i);
            if (!t.name().equals(e.name()) || !Arrays.equals(t.shape(), e.shape().getShape())) {
                throw new IllegalArgumentException("snapshot tensor " + i + " is " + t.name() + Arrays.toString(t.shape())
                        + ", the model expects " + e.name() + e.shape());
            }
        }
    }

    /** Overwrites the live arrays' values in place (they keep their identity and device). */
    public static void copyInto(List<ParameterTensor> tensors, NDList arrays) {
        for (int i = 0; i < tensors.size(); i++) {
            arrays.get(i).set(FloatBuffer.wrap(tensors.get(i).data()));
        }
    }

    /** New arrays in {@code manager} (its device) holding the tensors' values, named after them. */
    public static NDList toArrays(List<ParameterTensor> tensors, NDManager manager) {
        NDList out = new NDList(tensors.size());
        for (ParameterTensor t : tensors) {
            NDArray a = manager.create(t.data(), new Shape(t.shape()));
            a.setName(t.name());
            out.add(a);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
