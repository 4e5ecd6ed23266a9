package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteOrder;

/** Reads a one-element tensor as a double without the copy {@code getDouble()} makes on CPU. */
final class HostScalar {

    private HostScalar() {}

    static double read(NDArray scalar) {
        return scalar.toType(DataType.FLOAT64, false).toByteBuffer(true).order(ByteOrder.nativeOrder()).getDouble(0);
    }
}
