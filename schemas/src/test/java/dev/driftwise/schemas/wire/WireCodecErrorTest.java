package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.DeadLetterReason;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class WireCodecErrorTest {

    private final WireCodec codec = WireCodec.standard();

    private WireFormatException rejected(byte[] bytes, Class<? extends SpecificRecord> type, Reason expected) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bytes, type),
                "bytes " + Arrays.toString(Arrays.copyOf(bytes == null ? new byte[0] : bytes, 16)));
        assertEquals(expected, e.reason(), "reason; message was: " + e.getMessage());
        return e;
    }

    @Test
    void nullAndEmptyValuesAreEmpty() {
        assertTrue(rejected(null, Sample.class, Reason.EMPTY).getMessage().contains("tombstone"));
        rejected(new byte[0], Sample.class, Reason.EMPTY);
    }

    @Test
    void rejectionsMapToTheDeadLetterReasonsTheJobFiles() {
        assertEquals(DeadLetterReason.UNDECODABLE, rejected(new byte[] {1}, Sample.class, Reason.BAD_MAGIC).deadLetterReason());
        byte[] unknown = codec.encode(TestRecords.sample(1, 3));
        unknown[9] ^= 1;
        assertEquals(DeadLetterReason.UNKNOWN_SCHEMA, rejected(unknown, Sample.class, Reason.UNKNOWN_FINGERPRINT)
                .deadLetterReason());
        assertEquals(DeadLetterReason.UNKNOWN_SCHEMA, rejected(codec.encode(TestRecords.deadLetter(1)), Sample.class,
                Reason.WRONG_TYPE).deadLetterReason());
    }

    @Test
    void valuesWithoutTheMarkerAreBadMagic() {
        rejected("{\"streamId\":\"a\"}".getBytes(), Sample.class, Reason.BAD_MAGIC);
        rejected(new byte[] {0, 0, 0, 0, 1}, Sample.class, Reason.BAD_MAGIC); // Confluent framing
        rejected(new byte[] {(byte) 0xC3, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Sample.class, Reason.BAD_MAGIC);
    }

    @Test
    void unknownFingerprintSaysWhichAndHowToFixIt() throws Exception {
        byte[] bytes = codec.encode(TestRecords.sample(1, 3));
        bytes[5] ^= 0x10;
        long fp = WireCodec.fingerprintOf(bytes);
        WireFormatException e = rejected(bytes, Sample.class, Reason.UNKNOWN_FINGERPRINT);
        assertEquals(fp, e.fingerprint().orElseThrow());
        assertTrue(e.getMessage().contains(WireFormatException.hex(fp)) && e.getMessage().contains("register"),
                e.getMessage());
    }

    @Test
    void everyProperPrefixOfAValidRecordIsTruncated() {
        for (SpecificRecord record : TestRecords.all(7)) {
            byte[] full = codec.encode(record);
            for (int length = 1; length < full.length; length++) {
                byte[] prefix = Arrays.copyOf(full, length);
                rejected(prefix, record.getClass(), Reason.TRUNCATED);
            }
        }
    }

    @Test
    void bytesAfterTheRecordAreMalformed() {
        byte[] full = codec.encode(TestRecords.sample(1, 20));
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertTrue(rejected(longer, Sample.class, Reason.MALFORMED).getMessage().contains("1 bytes left"));
    }

    @Test
    void garbageAfterAValidHeaderIsTruncatedOrMalformedNeverSomethingElse() {
        Random random = new Random(11);
        byte[] header = Arrays.copyOf(codec.encode(TestRecords.sample(1, 3)), WireCodec.HEADER_SIZE);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            byte[] bytes = concat(header, garbage);
            try {
                codec.decode(bytes, Sample.class);
            } catch (WireFormatException e) {
                assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.MALFORMED, e.getMessage());
            }
        }
    }

    @Test
    void askingForTheWrongRecordTypeIsWrongTypeNamingBoth() {
        byte[] bytes = codec.encode(TestRecords.metrics(1, true));
        WireFormatException e = rejected(bytes, Sample.class, Reason.WRONG_TYPE);
        assertTrue(e.getMessage().contains("PrequentialMetrics") && e.getMessage().contains("dev.driftwise.schemas.Sample"),
                e.getMessage());
        rejected(codec.encode(TestRecords.deadLetter(1)), ModelSnapshot.class, Reason.WRONG_TYPE);
    }

    @Test
    void askingForSomethingThatIsNotAGeneratedRecordClassIsAnIllegalArgumentNamingIt() {
        byte[] bytes = codec.encode(TestRecords.sample(1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(bytes, SpecificRecord.class));
        assertTrue(e.getMessage().contains("org.apache.avro.specific.SpecificRecord"), e.getMessage());
    }

    @Test
    void aHugeStringLengthIsRejectedBeforeAnythingIsAllocated() {
        // Sample body starts with streamId: length varint. 0xFE..0x0F zig-zags to ~2^31: Avro would allocate 2 GiB.
        byte[] header = Arrays.copyOf(codec.encode(TestRecords.sample(1, 3)), WireCodec.HEADER_SIZE);
        byte[] bytes = concat(header, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 'a'});
        WireFormatException e = rejected(bytes, Sample.class, Reason.TRUNCATED);
        assertTrue(e.getMessage().contains("Sample.streamId"), e.getMessage());
    }

    @Test
    void aHugeArrayCountIsRejectedAndNamesTheField() throws Exception {
        byte[] bytes = prefixUpToFeatures();
        byte[] withCount = concat(bytes, varint(1L << 40), new byte[] {1, 2, 3, 4});
        WireFormatException e = rejected(withCount, Sample.class, Reason.TRUNCATED);
        assertTrue(e.getMessage().contains("Sample.features"), e.getMessage());
        rejected(concat(bytes, varint(-(1L << 40)), varint(4), new byte[] {1, 2, 3, 4}), Sample.class, Reason.TRUNCATED);
        rejected(concat(bytes, varint(Long.MIN_VALUE)), Sample.class, Reason.MALFORMED);
    }

    @Test
    void aNegativeLengthAnOverlongVarintAndABadUnionBranchAreMalformed() throws Exception {
        byte[] header = Arrays.copyOf(codec.encode(TestRecords.sample(1, 3)), WireCodec.HEADER_SIZE);
        rejected(concat(header, varint(-5)), Sample.class, Reason.MALFORMED);
        byte[] overlong = new byte[11];
        Arrays.fill(overlong, (byte) 0x80);
        rejected(concat(header, overlong), Sample.class, Reason.MALFORMED);
        // a valid Sample without ground truth ends in three one-byte union branches (0 = null); make the first 5
        byte[] valid = codec.encode(TestRecords.sampleWithoutGroundTruth(1));
        valid[valid.length - 3] = 10; // zig-zag 5
        WireFormatException e = rejected(valid, Sample.class, Reason.MALFORMED);
        assertTrue(e.getMessage().contains("Sample.groundTruth union branch 5"), e.getMessage());
    }

    @Test
    void anEnumIndexOutsideTheSymbolsIsMalformed() throws Exception {
        DeadLetter letter = DeadLetter.newBuilder(TestRecords.deadLetter(1)).setOriginalKey(null).build();
        byte[] bytes = codec.encode(letter);
        // body: originalValue(len 3 -> 1+3 bytes), sourceTopic(1+17), partition(1), offset(1..2), key union(1), reason
        int reasonAt = WireCodec.HEADER_SIZE + 4 + 18 + 1 + varint(letter.getSourceOffset()).length + 1;
        assertEquals(0, bytes[reasonAt], "UNDECODABLE is symbol 0");
        bytes[reasonAt] = 40; // zig-zag 20
        WireFormatException e = rejected(bytes, DeadLetter.class, Reason.MALFORMED);
        assertTrue(e.getMessage().contains("DeadLetter.reason enum index 20"), e.getMessage());
    }

    @Test
    void aWriterSchemaTheReaderCannotResolveIsWrongTypeNotACrash() throws Exception {
        // same name, but a required field of the current PrequentialMetrics (windowSize) is missing
        Schema incompatible = SchemaBuilder.record("PrequentialMetrics").namespace("dev.driftwise.schemas")
                .fields().requiredString("streamId").endRecord();
        SchemaStore store = SchemaStore.standard();
        store.register(incompatible);
        WireCodec own = new WireCodec(store);
        byte[] bytes = GenericFraming.encode(incompatible, r -> r.put("streamId", "s"));
        WireFormatException e = assertThrows(WireFormatException.class, () -> own.decode(bytes, PrequentialMetrics.class));
        assertEquals(Reason.WRONG_TYPE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("windowSize"), e.getMessage());
        assertFalse(e.fingerprint().isEmpty());
    }

    @Test
    void aRegisteredRecordWithoutAGeneratedClassIsWrongTypeForDecodeAny() throws Exception {
        Schema foreign = SchemaBuilder.record("Unknown").namespace("com.example").fields().requiredInt("x").endRecord();
        SchemaStore store = SchemaStore.standard();
        store.register(foreign);
        byte[] bytes = GenericFraming.encode(foreign, r -> r.put("x", 1));
        WireFormatException e = assertThrows(WireFormatException.class, () -> new WireCodec(store).decodeAny(bytes));
        assertEquals(Reason.WRONG_TYPE, e.reason());
        assertTrue(e.getMessage().contains("com.example.Unknown") && e.getMessage().contains("no generated class"),
                e.getMessage());
    }

    private byte[] prefixUpToFeatures() {
        // a sample with an empty features array ends its features with the single byte 0 right after eventTime
        Sample s = Sample.newBuilder(TestRecords.sampleWithoutGroundTruth(1)).setFeatures(java.util.List.of()).build();
        byte[] bytes = codec.encode(s);
        int featuresAt = bytes.length - 1 - 8 - 3; // then target (8 bytes) and three null union branches
        assertEquals(0, bytes[featuresAt], "empty array terminator");
        return Arrays.copyOf(bytes, featuresAt);
    }

    static byte[] varint(long value) {
        long zz = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((zz & ~0x7FL) != 0) {
            out.write((int) ((zz & 0x7F) | 0x80));
            zz >>>= 7;
        }
        out.write((int) zz);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
