package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Sample;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class WireCodecRoundTripTest {

    private final WireCodec codec = WireCodec.standard();

    @Test
    void everyRecordTypeSurvivesEncodeAndDecode() throws Exception {
        for (SpecificRecord record : TestRecords.all(1)) {
            byte[] bytes = codec.encode(record);
            assertEquals(record, codec.decode(bytes, record.getClass()), "typed decode of " + record.getClass());
            SpecificRecord any = codec.decodeAny(bytes);
            assertSame(record.getClass(), any.getClass(), "decodeAny picks the writer's generated class");
            assertEquals(record, any, "decodeAny of " + record.getClass());
        }
    }

    @Test
    void headerIsMagicThenLittleEndianFingerprintOfTheWriterSchema() throws Exception {
        Sample sample = TestRecords.sample(1, 20);
        byte[] bytes = codec.encode(sample);
        long fp = SchemaStore.fingerprint(Sample.getClassSchema());
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        for (int i = 0; i < 8; i++) {
            assertEquals((byte) (fp >>> (8 * i)), bytes[2 + i], "fingerprint byte " + i + " (little-endian)");
        }
        assertEquals(fp, WireCodec.fingerprintOf(bytes));
    }

    @Test
    void bytesAreExactlyWhatAvrosOwnSingleObjectEncoderWritesAndReads() throws Exception {
        for (SpecificRecord record : TestRecords.all(2)) {
            BinaryMessageEncoder<SpecificRecord> avroEncoder =
                    new BinaryMessageEncoder<>(SpecificData.getForClass(record.getClass()), record.getSchema());
            ByteBuffer reference = avroEncoder.encode(record);
            byte[] expected = new byte[reference.remaining()];
            reference.get(expected);
            byte[] ours = codec.encode(record);
            assertArrayEquals(expected, ours, "bytes of " + record.getSchema().getName());

            BinaryMessageDecoder<SpecificRecord> avroDecoder =
                    new BinaryMessageDecoder<>(SpecificData.getForClass(record.getClass()), record.getSchema());
            assertEquals(record, avroDecoder.decode(ours), "Avro reads what we wrote");
        }
    }

    @Test
    void tensorBytesComeBackAsTheSameFloats() throws Exception {
        ModelSnapshot snapshot = TestRecords.modelSnapshot(3);
        ModelSnapshot back = codec.decode(codec.encode(snapshot), ModelSnapshot.class);
        assertArrayEquals(TensorCodec.decodeFloats(snapshot.getTensors().get(0).getData()),
                TensorCodec.decodeFloats(back.getTensors().get(0).getData()));
        assertArrayEquals(TensorCodec.decodeDoubles(snapshot.getTensors().get(1).getData()),
                TensorCodec.decodeDoubles(back.getTensors().get(1).getData()));
    }

    @Test
    void oneCodecSharedByManyThreadsGivesEveryThreadItsOwnRecordsBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                long base = thread * 1000L;
                results.add(pool.submit(() -> {
                    for (long i = base; i < base + 500; i++) {
                        SpecificRecord record = i % 2 == 0 ? TestRecords.sample(i, 20) : TestRecords.modelSnapshot(i);
                        SpecificRecord back = codec.decodeAny(codec.encode(record));
                        if (!record.equals(back)) {
                            throw new AssertionError("record " + i + " came back as " + back);
                        }
                    }
                    return 500;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(500, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordMissingARequiredFieldIsRefusedNamingTheRecord() {
        Sample broken = new Sample(); // streamId and features left null; the builder would refuse earlier
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(broken));
        assertTrue(e.getMessage().contains("dev.driftwise.schemas.Sample"), e.getMessage());
    }

    @Test
    void aMultiMegabyteSnapshotRoundTripsAndTheThreadKeepsEncodingAfterIt() throws Exception {
        ModelSnapshot big = ModelSnapshot.newBuilder(TestRecords.modelSnapshot(4))
                .setTensors(List.of(TestRecords.tensor("w", List.of(600_000L), dev.driftwise.schemas.TensorDType.FLOAT32,
                        0, TensorCodec.encode(new float[600_000])))).build();
        byte[] bytes = codec.encode(big);
        assertTrue(bytes.length > 2_400_000, "encoded " + bytes.length + " bytes");
        assertEquals(big, codec.decode(bytes, ModelSnapshot.class));
        assertEquals(TestRecords.sample(5, 20), codec.decode(codec.encode(TestRecords.sample(5, 20)), Sample.class));
    }
}
