package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.wire.WireFormatException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Damaged bytes of every record type must end in a value or a {@link WireFormatException}: never another
 * exception, an OutOfMemoryError from a corrupt length, or a hang.
 */
class WireCodecFuzzTest {

    private static final int CASES = 12_000;
    private static final long SEED = 20261130L;
    private static final long[] HUGE = {Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1,
            -(1L << 35), 1L << 28};

    private final WireCodec codec = WireCodec.standard();
    private final Map<Reason, Integer> rejections = new EnumMap<>(Reason.class);
    private int decoded;
    private long slowestNanos;

    @Test
    void tenThousandMutatedValuesAllEndInARecordOrATypedErrorWithinTenSeconds() {
        List<SpecificRecord> seeds = new ArrayList<>();
        for (long s = 0; s < 3; s++) {
            seeds.addAll(TestRecords.all(s));
        }
        List<byte[]> valid = seeds.stream().map(codec::encode).toList();
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Random random = new Random(SEED);
            for (int i = 0; i < CASES; i++) {
                int which = random.nextInt(valid.size());
                byte[] mutated = mutate(valid.get(which), random, i % 10);
                check(mutated, seeds.get(which).getClass(), random.nextBoolean(), i);
            }
        }, "fuzz run must finish in 10 s; a decode hangs or is pathologically slow");
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz: %d cases in %d ms, slowest %.2f ms, decoded %d, rejected %s%n",
                CASES, totalMillis, slowestNanos / 1e6, decoded, rejections);

        assertTrue(slowestNanos < 1_000_000_000L, "slowest single case took " + slowestNanos / 1e6 + " ms");
        for (Reason r : List.of(Reason.BAD_MAGIC, Reason.UNKNOWN_FINGERPRINT, Reason.TRUNCATED, Reason.MALFORMED,
                Reason.EMPTY)) {
            assertTrue(rejections.getOrDefault(r, 0) > 0, "no mutation produced " + r + ": " + rejections);
        }
        assertTrue(decoded > 100, "only " + decoded + " mutations decoded: mutations too destructive to test values");
    }

    private void check(byte[] bytes, Class<? extends SpecificRecord> type, boolean typed, int index) {
        long t0 = System.nanoTime();
        try {
            SpecificRecord value = typed ? codec.decode(bytes, type) : codec.decodeAny(bytes);
            decoded++;
            // a value that decodes is a real record: it re-encodes, and reading that back is a fixed point
            // (compared as bytes: a flipped bit may have made a NaN, and NaN != NaN in record equality)
            byte[] canonical = codec.encode(value);
            byte[] again = codec.encode(codec.decode(canonical, value.getClass()));
            assertArrayEquals(canonical, again, "case " + index + " re-encode of " + HexFormat.of().formatHex(bytes));
        } catch (WireFormatException e) {
            rejections.merge(e.reason(), 1, Integer::sum);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + index + " empty message");
        } catch (Throwable t) {
            throw new AssertionError("case " + index + " (" + (typed ? type.getSimpleName() : "any")
                    + ") escaped with " + t + " for bytes " + HexFormat.of().formatHex(bytes), t);
        }
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - t0);
    }

    private static byte[] mutate(byte[] original, Random r, int kind) {
        byte[] b = original.clone();
        int body = WireCodec.HEADER_SIZE;
        switch (kind) {
            case 0 -> { // bit flips anywhere, header included
                for (int n = 1 + r.nextInt(8); n > 0; n--) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 1 -> { // bit flips in the body only
                for (int n = 1 + r.nextInt(4); n > 0; n--) {
                    int at = body + r.nextInt(b.length - body);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 2 -> {
                return Arrays.copyOf(b, r.nextInt(b.length)); // truncation, including to nothing
            }
            case 3 -> { // insertion of random bytes
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                return splice(b, body + r.nextInt(b.length - body + 1), 0, extra);
            }
            case 4 -> { // deletion of a range
                int at = body + r.nextInt(b.length - body);
                return splice(b, at, 1 + r.nextInt(Math.min(16, b.length - at)), new byte[0]);
            }
            case 5 -> { // valid header, garbage body
                byte[] garbage = new byte[r.nextInt(256)];
                r.nextBytes(garbage);
                return splice(Arrays.copyOf(b, body), body, 0, garbage);
            }
            case 6 -> { // a huge length or count inserted
                return splice(b, body + r.nextInt(b.length - body), 0, WireCodecErrorTest.varint(HUGE[r.nextInt(HUGE.length)]));
            }
            case 7 -> { // a huge length or count overwriting what was there
                byte[] v = WireCodecErrorTest.varint(HUGE[r.nextInt(HUGE.length)]);
                int at = body + r.nextInt(b.length - body);
                return splice(b, at, Math.min(v.length, b.length - at), v);
            }
            case 8 -> { // a run of bytes overwritten with one value (0x00, 0xFF, 0x80 are varint edge cases)
                byte fill = new byte[] {0, (byte) 0xFF, (byte) 0x80, 0x7F}[r.nextInt(4)];
                int at = body + r.nextInt(b.length - body);
                Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(12)), fill);
                return b;
            }
            default -> { // pure noise, sometimes starting with the marker
                byte[] noise = new byte[r.nextInt(64)];
                r.nextBytes(noise);
                if (noise.length >= 2 && r.nextBoolean()) {
                    noise[0] = (byte) 0xC3;
                    noise[1] = 0x01;
                }
                return noise;
            }
        }
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
