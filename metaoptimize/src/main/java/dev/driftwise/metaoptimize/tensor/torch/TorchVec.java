package dev.driftwise.metaoptimize.tensor.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * A libtorch tensor: a buffer, or a view into one (libtorch slices and reshapes of contiguous
 * memory share storage, so writing a view writes the buffer).
 */
public final class TorchVec implements Vec {

    private final TorchEngine engine;
    final NDArray array;
    private final boolean owner;
    private final int rows;
    private final int cols;

    TorchVec(TorchEngine engine, NDArray array, boolean owner, int rows, int cols) {
        this.engine = engine;
        this.array = array;
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public DType dtype() {
        return array.getDataType() == DataType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    @Override
    public int length() {
        return rows * cols;
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
        if (offset < 0 || length < 0 || offset + length > length()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of a vector of " + length());
        }
        NDArray flat = rows == 1 ? array : array.reshape(length());
        NDArray view = flat.get(new NDIndex("{}:{}", offset, offset + length));
        engine.keep(view);
        return new TorchVec(engine, view, false, 1, length);
    }

    @Override
    public Vec shaped(int rows, int cols) {
        if ((long) rows * cols != length()) {
            throw new IllegalArgumentException("cannot shape " + length() + " elements as " + rows + " × " + cols);
        }
        NDArray view = rows == 1 ? array.reshape(cols) : array.reshape(rows, cols);
        engine.keep(view);
        return new TorchVec(engine, view, false, rows, cols);
    }

    /** The libtorch tensor (a view shares the buffer's memory): for the DJL adapters, not for equations. */
    public NDArray array() {
        return array;
    }

    @Override
    public void close() {
        if (owner) {
            array.close();
        }
    }

    @Override
    public String toString() {
        return "torch " + dtype() + "[" + length() + (rows != 1 ? " as " + rows + "×" + cols : "") + "] on " + array.getDevice();
    }
}
