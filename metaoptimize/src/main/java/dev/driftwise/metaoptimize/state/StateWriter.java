package dev.driftwise.metaoptimize.state;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes optimizer state in driftwise's versioned binary format: a magic, the optimizer kind, the
 * format version and a configuration fingerprint, then the fields in the order the optimizer writes
 * them. Vectors travel as dtype, length and raw IEEE bits, whichever engine holds them, so a restore
 * is bit-identical and may land on the other engine or another device.
 */
public final class StateWriter {

    /** "DWOS": driftwise optimizer state. */
    public static final int MAGIC = 0x44574F53;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private float[] floats = new float[0];
    private double[] doubles = new double[0];

    /**
     * @param kind the optimizer kind, e.g. "metaoptimize" or "autostep"
     * @param formatVersion the kind's state format version
     * @param configFingerprint the canonical configuration and the layout; a restore checks it matches
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

    /** Writes a vector of either engine as its dtype, length and raw values (copied to the host). */
    public StateWriter writeVec(Vec v) {
        try {
            out.writeBoolean(v.dtype() == DType.FLOAT64);
            out.writeInt(v.length());
            if (v.dtype() == DType.FLOAT64) {
                if (doubles.length < v.length()) {
                    doubles = new double[v.length()];
                }
                v.engine().download(v, doubles, 0);
                for (int i = 0; i < v.length(); i++) {
                    out.writeLong(Double.doubleToRawLongBits(doubles[i]));
                }
            } else {
                if (floats.length < v.length()) {
                    floats = new float[v.length()];
                }
                v.engine().download(v, floats, 0);
                for (int i = 0; i < v.length(); i++) {
                    out.writeInt(Float.floatToRawIntBits(floats[i]));
                }
            }
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
