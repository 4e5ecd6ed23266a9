package dev.driftwise.metaoptimize.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;
import org.junit.jupiter.api.Test;

/**
 * Elementwise operations on views that start at different offsets of one array, and that overlap: the JVM engine
 * runs its loops on one index (so the JIT vectorises them) and copies an input view at another offset first; the
 * results must be those of libtorch, which reads every input before it writes.
 */
class ViewOffsetsTest {

    private static float[] run(Engine e) {
        Vec buffer = e.zeros(12, DType.FLOAT32);
        float[] values = new float[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        e.upload(buffer, values, 0);
        Vec a = buffer.slice(0, 6);
        Vec b = buffer.slice(3, 6); // overlaps a
        Vec c = buffer.slice(6, 6);
        e.lincomb(a, 2, b, -1, c); // out a overlaps input b at another offset
        e.addcmul(c, 1, c, 0.5, a, b); // inputs at offsets 0 and 3 into offset 6
        e.normalize(b, 1, a, c, 1, 1, 0); // a, c at other offsets than b
        e.maximum(a, b, c);
        float[] out = new float[12];
        e.download(buffer, out, 0);
        return out;
    }

    @Test
    void viewsAtOtherOffsetsGiveLibtorchsResults() {
        float[] jvm = run(JvmEngine.INSTANCE);
        float[] torch;
        try (Engine t = new TorchEngine(ai.djl.Device.cpu())) {
            torch = run(t);
        }
        assertArrayEquals(torch, jvm, 1e-5f);
    }
}
