package dev.driftwise.learner.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MicroBatchTest {

    @Test
    void fillsClearsAndRefusesWhenFull() {
        MicroBatch batch = new MicroBatch(2, 3);
        batch.add(new float[] {1, 2, 3}, 0.5).add(new float[] {9, 8, 7, 6}, 1, 2.0);
        assertTrue(batch.isFull());
        assertEquals(8, batch.feature(1, 0));
        assertEquals(6, batch.feature(1, 2));
        assertEquals(2.0, batch.target(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> batch.add(new float[] {0, 0, 0}, 0));
        assertTrue(e.getMessage().contains("full"), e.getMessage());
        batch.clear();
        assertTrue(batch.isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MicroBatch(0, 3)).getMessage().contains("capacity"));
    }

    @Test
    void anOpenBatchRoundTripsBitForBit() throws IOException {
        MicroBatch batch = new MicroBatch(4, 2);
        batch.add(new float[] {Float.MIN_VALUE, -0.0f}, Math.PI).add(new float[] {1e30f, 3}, -1e-300);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        batch.writeTo(new DataOutputStream(bytes));
        MicroBatch back = MicroBatch.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(4, back.capacity());
        assertEquals(2, back.size());
        for (int s = 0; s < 2; s++) {
            assertEquals(Double.doubleToRawLongBits(batch.target(s)), Double.doubleToRawLongBits(back.target(s)));
            for (int j = 0; j < 2; j++) {
                assertEquals(Float.floatToRawIntBits(batch.feature(s, j)), Float.floatToRawIntBits(back.feature(s, j)));
            }
        }
    }
}
