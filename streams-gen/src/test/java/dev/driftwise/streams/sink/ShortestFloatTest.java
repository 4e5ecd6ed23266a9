package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortestFloatTest {

    private static String text(float f) {
        return ShortestFloat.append(new StringBuilder(), f).toString();
    }

    @Test
    void familiarValuesLookAsPeopleWriteThem() {
        assertEquals("1.5", text(1.5f));
        assertEquals("300.0", text(300f));
        assertEquals("0.1", text(0.1f));
        assertEquals("-2.0", text(-2f));
        assertEquals("10.75", text(10.75f));
        assertEquals("0.001", text(0.001f));
        assertEquals("1234567.0", text(1234567f));
        assertEquals("0.33333334", text(1f / 3));
        assertEquals("0.0", text(0f));
        assertEquals("1.0E7", text(1e7f), "outside the plain range it is Float.toString");
    }

    @Test
    void everyValueReadsBackExactlyAndIsNeverLongerThanFloatToString() {
        SplittableRandom random = new SplittableRandom(7);
        int longer = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float f = switch (i % 4) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> (float) (random.nextDouble() * Math.pow(10, random.nextInt(-3, 7)));
                case 2 -> Float.intBitsToFloat(random.nextInt(0x3A83126F, 0x4B189680));   // every float in [1e-3, 1e7)
                default -> -Float.intBitsToFloat(random.nextInt(0x3A83126F, 0x4B189680));
            };
            String s = text(f);
            assertEquals(f, Float.parseFloat(s), () -> "'" + s + "' does not read back as " + f + " (bits " + Integer.toHexString(Float.floatToIntBits(f)) + ")");
            if (s.length() > Float.toString(f).length()) {
                longer++;
            }
        }
        assertEquals(0, longer, "values written longer than Float.toString writes them");
    }

    @Test
    void powersOfTwoAndTenReadBack() {
        for (int p = -9; p < 23; p++) {
            for (float f : new float[] {(float) Math.scalb(1.0, p), Math.nextUp((float) Math.scalb(1.0, p)), Math.nextDown((float) Math.scalb(1.0, p))}) {
                assertEquals(f, Float.parseFloat(text(f)), "2^" + p + " neighbourhood: " + text(f));
            }
        }
        for (int p = -3; p < 7; p++) {
            float f = (float) Math.pow(10, p);
            assertEquals(f, Float.parseFloat(text(f)), text(f));
            assertTrue(text(f).matches("[0-9]+\\.[0-9]+"), text(f));
        }
    }
}
