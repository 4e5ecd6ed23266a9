package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.TensorDType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TensorCodecTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void floatsAreLittleEndianIeee754() {
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000: lowest byte first
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0},
                bytes(TensorCodec.encode(new float[] {1f, -2f})));
    }

    @Test
    void doublesAreLittleEndianIeee754() {
        // 1.0 = 0x3FF0000000000000
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}, bytes(TensorCodec.encode(new double[] {1.0})));
    }

    @Test
    void valuesRoundTripBitForBitIncludingSpecials() {
        float[] f = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 3.14159f};
        assertArrayEquals(f, TensorCodec.decodeFloats(TensorCodec.encode(f)));
        double[] d = {0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Math.E};
        assertArrayEquals(d, TensorCodec.decodeDoubles(TensorCodec.encode(d)));
    }

    @Test
    void slicesReassembleIntoTheWholeTensor() {
        float[] whole = new float[10];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = i * 0.5f;
        }
        float[] rebuilt = new float[10];
        TensorCodec.decodeFloats(TensorCodec.encode(whole, 6, 4), rebuilt, 6);
        TensorCodec.decodeFloats(TensorCodec.encode(whole, 0, 6), rebuilt, 0);
        assertArrayEquals(whole, rebuilt);
    }

    @Test
    void decodingLeavesTheBufferPositionAlone() {
        ByteBuffer data = TensorCodec.encode(new float[] {1, 2, 3});
        TensorCodec.decodeFloats(data);
        assertEquals(0, data.position());
        assertEquals(12, data.remaining());
    }

    @Test
    void aByteCountThatIsNotAWholeNumberOfElementsIsRefusedNamingTheWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorCodec.decodeFloats(ByteBuffer.wrap(new byte[6])));
        assertTrue(e.getMessage().contains("6 bytes") && e.getMessage().contains("4-byte"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorCodec.encode(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TensorCodec.decodeFloats(TensorCodec.encode(new float[3]),
                new float[4], 2));
    }

    @Test
    void widthsMatchTheDtypes() {
        assertEquals(4, TensorCodec.width(TensorDType.FLOAT32));
        assertEquals(8, TensorCodec.width(TensorDType.FLOAT64));
    }
}
