package dev.driftwise.learner.snapshot;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.metrics.PrequentialMetrics;
import dev.driftwise.learner.model.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learner snapshot byte format. Version 2, big-endian:
 * magic "DWLN", int version, UTF model spec, UTF optimizer spec (canonical), UTF engine, long steps,
 * boolean + standardiser, metrics, int tensor count and per tensor (UTF name, int rank, long dims, float
 * data as raw IEEE bits), int length + optimizer state bytes. Floats and doubles travel as raw bits, so a
 * restore is bit-identical. Version 1 (before the optimizer state became engine-neutral) is refused with
 * what to do.
 */
public final class SnapshotCodec {

    /** "DWLN": driftwise learner. */
    public static final int MAGIC = 0x44574C4E;
    public static final int VERSION = 2;

    private SnapshotCodec() {}

    public static byte[] write(LearnerSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(s.modelSpec().toCanonicalString());
            out.writeUTF(s.optimizer());
            out.writeUTF(s.engine());
            out.writeLong(s.steps());
            out.writeBoolean(s.standardizer() != null);
            if (s.standardizer() != null) {
                s.standardizer().writeTo(out);
            }
            s.metrics().writeTo(out);
            out.writeInt(s.parameters().size());
            for (ParameterTensor t : s.parameters()) {
                out.writeUTF(t.name());
                out.writeInt(t.shape().length);
                for (long d : t.shape()) {
                    out.writeLong(d);
                }
                for (float v : t.data()) {
                    out.writeInt(Float.floatToRawIntBits(v));
                }
            }
            out.writeInt(s.optimizerState().length);
            out.write(s.optimizerState());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a learner snapshot, come from an
     *     unknown format version, or are truncated or corrupt (the message says which)
     */
    public static LearnerSnapshot read(byte[] bytes) {
        if (bytes == null || bytes.length < 8) {
            throw new IllegalArgumentException("learner snapshot is empty or truncated (" + (bytes == null ? 0 : bytes.length) + " bytes)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(String.format(
                        "bytes are not a driftwise learner snapshot (magic 0x%08X, expected 0x%08X)", magic, MAGIC));
            }
            int version = in.readInt();
            if (version == 1) {
                throw new IllegalArgumentException("learner snapshot format version 1 holds optimizer state in the "
                        + "libtorch-only layout of driftwise before the two engines; this build reads version " + VERSION
                        + ": start the stream from its last published model or replay it, or read it with the version that wrote it");
            }
            if (version != VERSION) {
                throw new IllegalArgumentException("learner snapshot format version " + version
                        + " is not supported by this build (it reads version " + VERSION
                        + "); load it with the driftwise version that wrote it");
            }
            ModelSpec spec = ModelSpec.parse(in.readUTF());
            String optimizer = in.readUTF();
            String engine = in.readUTF();
            long steps = in.readLong();
            FeatureStandardizer standardizer = in.readBoolean() ? FeatureStandardizer.readFrom(in) : null;
            PrequentialMetrics metrics = PrequentialMetrics.readFrom(in);
            int count = in.readInt();
            if (count < 0 || count > 10_000) {
                throw new IllegalArgumentException("learner snapshot is corrupt: " + count + " parameter tensors");
            }
            List<ParameterTensor> params = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IllegalArgumentException("learner snapshot is corrupt: tensor '" + name + "' of rank " + rank);
                }
                long[] shape = new long[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                if (size < 0 || size * 4 > in.available()) {
                    throw new IllegalArgumentException("learner snapshot is truncated: tensor '" + name + "' needs "
                            + size * 4 + " bytes, " + in.available() + " left");
                }
                float[] data = new float[(int) size];
                for (int j = 0; j < data.length; j++) {
                    data[j] = Float.intBitsToFloat(in.readInt());
                }
                params.add(new ParameterTensor(name, shape, data));
            }
            int stateLength = in.readInt();
            if (stateLength < 0 || stateLength != in.available()) {
                throw new IllegalArgumentException("learner snapshot is corrupt: optimizer state of " + stateLength
                        + " bytes, " + in.available() + " left");
            }
            byte[] state = in.readNBytes(stateLength);
            return new LearnerSnapshot(spec, optimizer, engine, steps, standardizer, metrics, params, state);
        } catch (EOFException e) {
            throw new IllegalArgumentException("learner snapshot is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
