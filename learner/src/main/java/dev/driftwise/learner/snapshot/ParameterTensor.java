package dev.driftwise.learner.snapshot;

import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.ArrayList;
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

    /** The tensors of a flat parameter vector (of either engine), copied to the host. */
    public static List<ParameterTensor> of(ParameterLayout layout, Vec flat) {
        float[] all = new float[flat.length()];
        flat.engine().download(flat, all, 0);
        List<ParameterTensor> out = new ArrayList<>(layout.count());
        for (int p = 0; p < layout.count(); p++) {
            ParameterLayout.Entry e = layout.get(p);
            long[] shape = new long[e.shape().length];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = e.shape()[d];
            }
            out.add(new ParameterTensor(e.name(), shape, Arrays.copyOfRange(all, layout.offset(p), layout.offset(p) + e.size())));
        }
        return out;
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
            long[] expected = Arrays.stream(e.shape()).asLongStream().toArray();
            if (!t.name().equals(e.name()) || !Arrays.equals(t.shape(), expected)) {
                throw new IllegalArgumentException("snapshot tensor " + i + " is " + t.name() + Arrays.toString(t.shape())
                        + ", the model expects " + e);
            }
        }
    }

    /** The tensors laid end to end: the flat parameter vector's values. */
    public static float[] flatten(List<ParameterTensor> tensors) {
        int total = 0;
        for (ParameterTensor t : tensors) {
            total += t.data().length;
        }
        float[] out = new float[total];
        int offset = 0;
        for (ParameterTensor t : tensors) {
            System.arraycopy(t.data(), 0, out, offset, t.data().length);
            offset += t.data().length;
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
