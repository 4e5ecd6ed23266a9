package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor data on the wire: row-major elements, little-endian IEEE 754 ({@code Tensor.data} in
 * ModelSnapshot). Bulk copies through typed views, so a million floats cost one pass, not a million calls.
 */
public final class TensorCodec {

    private TensorCodec() {
    }

    /** Bytes per element. */
    public static int width(TensorDType dtype) {
        return dtype == TensorDType.FLOAT64 ? Double.BYTES : Float.BYTES;
    }

    public static ByteBuffer encode(float[] values) {
        return encode(values, 0, values.length);
    }

    /** Elements {@code [from, from + count)}: one slice of a chunked tensor. */
    public static ByteBuffer encode(float[] values, int from, int count) {
        checkRange(values.length, from, count);
        ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values, from, count);
        return bytes;
    }

    public static ByteBuffer encode(double[] values) {
        return encode(values, 0, values.length);
    }

    public static ByteBuffer encode(double[] values, int from, int count) {
        checkRange(values.length, from, count);
        ByteBuffer bytes = ByteBuffer.allocate(count * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values, from, count);
        return bytes;
    }

    /** The floats in {@code data}'s remaining bytes; {@code data}'s position is left unchanged. */
    public static float[] decodeFloats(ByteBuffer data) {
        float[] values = new float[elements(data, Float.BYTES)];
        decodeFloats(data, values, 0);
        return values;
    }

    /** Copies {@code data}'s floats into {@code into} starting at element {@code at} (chunk reassembly). */
    public static void decodeFloats(ByteBuffer data, float[] into, int at) {
        int n = elements(data, Float.BYTES);
        checkRange(into.length, at, n);
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into, at, n);
    }

    public static double[] decodeDoubles(ByteBuffer data) {
        double[] values = new double[elements(data, Double.BYTES)];
        decodeDoubles(data, values, 0);
        return values;
    }

    public static void decodeDoubles(ByteBuffer data, double[] into, int at) {
        int n = elements(data, Double.BYTES);
        checkRange(into.length, at, n);
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(into, at, n);
    }

    private static int elements(ByteBuffer data, int width) {
        if (data.remaining() % width != 0) {
            throw new IllegalArgumentException("tensor data has " + data.remaining() + " bytes, not a multiple of the "
                    + width + "-byte element width; check the tensor's dtype");
        }
        return data.remaining() / width;
    }

    private static void checkRange(int length, int from, int count) {
        if (from < 0 || count < 0 || from > length - count) {
            throw new IllegalArgumentException("elements [" + from + ", " + from + " + " + count
                    + ") are outside an array of " + length + "; slice within the tensor");
        }
    }
}
