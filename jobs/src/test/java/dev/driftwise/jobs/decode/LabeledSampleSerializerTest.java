package dev.driftwise.jobs.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.source.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LabeledSampleSerializerTest {

    private final LabeledSampleSerializer serializer = LabeledSampleSerializer.INSTANCE;

    @Test
    void perStreamSampleRoundTripsBitForBit() throws IOException {
        float[] features = {1.5f, Float.NaN, -0f, Float.intBitsToFloat(0x7fc00001), Float.MIN_VALUE};
        SourceRecord source = new SourceRecord("s1".getBytes(), new byte[] {0, 1, 2, (byte) 0xff}, "samples", 3, 12345678901L);
        LabeledSample s = new LabeledSample("s1", "s1", 42, features, -0.25, 7, source);

        LabeledSample back = roundTrip(s);

        assertEquals("s1", back.learnerKey);
        assertSame(back.learnerKey, back.streamId, "a stream id equal to the key is read back as the key itself");
        assertEquals(42, back.seq);
        assertEquals(-0.25, back.target);
        assertEquals(7, back.conceptId);
        assertEquals(features.length, back.features.length);
        for (int i = 0; i < features.length; i++) {
            assertEquals(Float.floatToRawIntBits(features[i]), Float.floatToRawIntBits(back.features[i]), "feature " + i);
        }
        assertArrayEquals(source.key, back.source.key);
        assertArrayEquals(source.value, back.source.value);
        assertEquals("samples", back.source.topic);
        assertEquals(3, back.source.partition);
        assertEquals(12345678901L, back.source.offset);
    }

    @Test
    void globalKeyAndMissingPartsRoundTrip() throws IOException {
        LabeledSample s = new LabeledSample("global", "s9", -1, new float[0], Double.POSITIVE_INFINITY, -1,
                new SourceRecord(null, new byte[0], "t", 0, 0));
        LabeledSample back = roundTrip(s);
        assertEquals("global", back.learnerKey);
        assertEquals("s9", back.streamId);
        assertEquals(Double.POSITIVE_INFINITY, back.target);
        assertEquals(0, back.features.length);
        assertNull(back.source.key, "a record without a Kafka key keeps a null key");
        assertEquals(0, back.source.value.length);

        LabeledSample bare = roundTrip(new LabeledSample("k", null, 0, null, 0, -1, null));
        assertNull(bare.streamId);
        assertNull(bare.features);
        assertNull(bare.source);
    }

    @Test
    void copyIsDeep() {
        LabeledSample s = new LabeledSample("k", "k", 1, new float[] {1}, 2, 3, new SourceRecord(new byte[] {1}, new byte[] {2}, "t", 0, 5));
        LabeledSample c = serializer.copy(s);
        c.features[0] = 9;
        c.source.value[0] = 9;
        assertEquals(1f, s.features[0]);
        assertEquals(2, s.source.value[0]);
    }

    @Test
    void typeInformationUsesThisSerializerAndItsSnapshotRestoresIt() throws IOException {
        TypeSerializer<LabeledSample> created = new LabeledSampleTypeInfo().createSerializer(new SerializerConfigImpl());
        assertSame(serializer, created, "the pipeline's type information must not fall back to POJO or Kryo");

        TypeSerializerSnapshot<LabeledSample> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<LabeledSample> read = new LabeledSampleSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertSame(serializer, read.restoreSerializer());
        assertTrue(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs());
    }

    private LabeledSample roundTrip(LabeledSample s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(s, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        LabeledSample back = serializer.deserialize(in);
        assertEquals(0, in.available(), "every written byte is read back");
        return back;
    }
}
