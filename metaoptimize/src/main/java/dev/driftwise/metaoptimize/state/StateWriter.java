package dev.driftwise.metaoptimize.state;

import ai.djl.ndarray.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Writes optimizer state in driftwise's versioned binary format: a magic, the format version, the
 * optimizer kind and a configuration fingerprint, then the fields in the order the optimizer
 * writes them. Tensors are written with dtype, shape and raw little-endian data, so a restore is
 * bit-identical and lands on whatever device the reading instance lives on.
 */
public final class StateWriter {

    /** "DWOS": driftwise optimizer state. */
    public static final int MAGIC = 0x44574F53;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /**
     * @param kind the optimizer kind, e.g. "metaoptimize" or "idbd"
     * @param formatVersion the kind's state format version
     * @param configFingerprint a string naming configuration and layout; a restore checks it matches
     */
    public StateWriter(String kind, int formatVersion, String configFingerprint) {
        try {
            out.writeInt(MAGIC);
            out.writeUTF(kind);
            out.writeInt(formatVersion);
            out.writeUTF(configFingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StateWriter writeLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeDouble(double v) {
        try {
            out.writeDouble(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeDoubles(double[] v) {
        try {
            out.writeInt(v.length);
            for (double d : v) {
                out.writeDouble(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeBoolean(boolean v) {
        try {
            out.writeBoolean(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a tensor (null allowed) as dtype, shape and raw data. Copies device data to the host. */
    public StateWriter writeArray(NDArray array) {
        try {
            if (array == null) {
                out.writeBoolean(false);
                return this;
            }
            out.writeBoolean(true);
            out.writeUTF(array.getDataType().name());
            long[] shape = array.getShape().getShape();
            out.writeInt(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            ByteBuffer data = array.toByteBuffer();
            byte[] raw = new byte[data.remaining()];
            data.get(raw);
            out.writeInt(raw.length);
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
