package dev.driftwise.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A reusable direct buffer that uploads host floats to the device. DJL copies a heap array into a
 * fresh direct buffer on every {@code create}; handing it a direct buffer skips that. On the CPU
 * libtorch may use the buffer's memory as is, so an array made here must be closed before the
 * next upload through the same staging buffer (the learner closes each step's arrays at its end).
 */
final class HostStaging {

    private ByteBuffer bytes = ByteBuffer.allocateDirect(0);
    private FloatBuffer floats = bytes.asFloatBuffer();

    NDArray upload(NDManager manager, float[] source, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (bytes.capacity() < n * 4) {
            bytes = ByteBuffer.allocateDirect(Math.max(n * 4, bytes.capacity() * 2)).order(ByteOrder.nativeOrder());
            floats = bytes.asFloatBuffer();
        }
        floats.clear();
        floats.put(source, 0, n);
        bytes.clear().limit(n * 4);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }
}
