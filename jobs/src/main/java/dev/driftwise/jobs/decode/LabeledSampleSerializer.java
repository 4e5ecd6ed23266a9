package dev.driftwise.jobs.decode;

import dev.driftwise.jobs.source.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link LabeledSample} field by field, with no reflection: every sample crosses the keyBy
 * shuffle, and Flink's POJO serializer (reflective field access and instantiation, a null flag per field,
 * a nested POJO for the source record) took about a third of the learner thread's Java time and a
 * quarter of the decoding thread's (JFR, docs/benchmarks.md, "Measurements moved from the module READMEs", jobs). The stream id is written once when
 * it is also the learner key (per-stream mode).
 */
public final class LabeledSampleSerializer extends TypeSerializerSingleton<LabeledSample> {

    private static final long serialVersionUID = 1L;
    public static final LabeledSampleSerializer INSTANCE = new LabeledSampleSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LabeledSample createInstance() {
        return new LabeledSample();
    }

    @Override
    public LabeledSample copy(LabeledSample from) {
        SourceRecord s = from.source;
        SourceRecord source = s == null ? null
                : new SourceRecord(s.key == null ? null : s.key.clone(), s.value == null ? null : s.value.clone(), s.topic,
                        s.partition, s.offset);
        return new LabeledSample(from.learnerKey, from.streamId, from.seq, from.features == null ? null : from.features.clone(),
                from.target, from.conceptId, source);
    }

    @Override
    public LabeledSample copy(LabeledSample from, LabeledSample reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LabeledSample s, DataOutputView out) throws IOException {
        StringValue.writeString(s.learnerKey, out);
        boolean sameId = s.streamId != null && s.streamId.equals(s.learnerKey);
        out.writeBoolean(sameId);
        if (!sameId) {
            StringValue.writeString(s.streamId, out);
        }
        out.writeLong(s.seq);
        out.writeDouble(s.target);
        out.writeInt(s.conceptId);
        writeFloats(s.features, out);
        SourceRecord r = s.source;
        out.writeBoolean(r != null);
        if (r != null) {
            writeBytes(r.key, out);
            writeBytes(r.value, out);
            StringValue.writeString(r.topic, out);
            out.writeInt(r.partition);
            out.writeLong(r.offset);
        }
    }

    @Override
    public LabeledSample deserialize(DataInputView in) throws IOException {
        LabeledSample s = new LabeledSample();
        s.learnerKey = StringValue.readString(in);
        s.streamId = in.readBoolean() ? s.learnerKey : StringValue.readString(in);
        s.seq = in.readLong();
        s.target = in.readDouble();
        s.conceptId = in.readInt();
        s.features = readFloats(in);
        if (in.readBoolean()) {
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            s.source = new SourceRecord(key, value, StringValue.readString(in), in.readInt(), in.readLong());
        }
        return s;
    }

    @Override
    public LabeledSample deserialize(LabeledSample reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeFloats(float[] a, DataOutputView out) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) {
            for (float v : a) {
                out.writeInt(Float.floatToRawIntBits(v)); // raw bits: a NaN feature reaches the learner's check as sent
            }
        }
    }

    private static float[] readFloats(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(in.readInt());
        }
        return a;
    }

    private static void writeBytes(byte[] b, DataOutputView out) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    @Override
    public TypeSerializerSnapshot<LabeledSample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints (unaligned checkpoints keep in-flight samples). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LabeledSample> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
