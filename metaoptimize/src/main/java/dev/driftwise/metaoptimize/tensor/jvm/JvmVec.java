package dev.driftwise.metaoptimize.tensor.jvm;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/** A run of a Java {@code float[]} or {@code double[]}: the memory the garbage collector owns. */
public final class JvmVec implements Vec {

    private final JvmEngine engine;
    final float[] f;
    final double[] d;
    final int off;
    final int len;
    final int rows;
    final int cols;

    JvmVec(JvmEngine engine, float[] f, double[] d, int off, int len, int rows, int cols) {
        this.engine = engine;
        this.f = f;
        this.d = d;
        this.off = off;
        this.len = len;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public DType dtype() {
        return f != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    boolean f32() {
        return f != null;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Vec slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > len) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of a vector of " + len);
        }
        return new JvmVec(engine, f, d, off + offset, length, 1, length);
    }

    @Override
    public Vec shaped(int rows, int cols) {
        if ((long) rows * cols != len) {
            throw new IllegalArgumentException("cannot shape " + len + " elements as " + rows + " × " + cols);
        }
        return new JvmVec(engine, f, d, off, len, rows, cols);
    }

    /**
     * The backing array when this vector is a whole FLOAT32 array from index 0 (the learner hands
     * such host buffers over without a copy), else null.
     */
    public float[] floatArrayOrNull() {
        return f != null && off == 0 && len == f.length ? f : null;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "jvm " + dtype() + "[" + len + (rows != 1 ? " as " + rows + "×" + cols : "") + "]";
    }
}
