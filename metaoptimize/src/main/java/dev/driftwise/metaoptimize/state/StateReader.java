package dev.driftwise.metaoptimize.state;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** Reads what {@link StateWriter} wrote, checking magic, kind, version and configuration first. */
public final class StateReader {

    private final DataInputStream in;

    /**
     * @throws IllegalArgumentException naming what does not match: not driftwise optimizer state, another
     *     optimizer kind, an unknown format version, or another configuration/layout
     */
    public StateReader(byte[] state, String kind, int formatVersion, String configFingerprint) {
        if (state == null || state.length < 4) {
            throw new IllegalArgumentException("optimizer state is empty or truncated (" + (state == null ? 0 : state.length) + " bytes)");
        }
        this.in = new DataInputStream(new ByteArrayInputStream(state));
        try {
            int magic = in.readInt();
            if (magic != StateWriter.MAGIC) {
                throw new IllegalArgumentException(String.format(
                        "bytes are not driftwise optimizer state (magic 0x%08X, expected 0x%08X)", magic, StateWriter.MAGIC));
            }
            String foundKind = in.readUTF();
            if (!foundKind.equals(kind)) {
                throw new IllegalArgumentException("optimizer state was written by '" + foundKind + "', cannot restore it into '" + kind + "'");
            }
            int version = in.readInt();
            if (version != formatVersion) {
                throw new IllegalArgumentException("optimizer state format version " + version + " of '" + kind
                        + "' is not supported by this build (it reads version " + formatVersion
                        + "); restore with the driftwise version that wrote it");
            }
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(configFingerprint)) {
                throw new IllegalArgumentException("optimizer state was written for configuration [" + fingerprint
                        + "] but this instance is [" + configFingerprint + "]; build the optimizer with the same configuration and parameters");
            }
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    public long readLong() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    public double readDouble() {
        try {
            return in.readDouble();
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    public double[] readDoubles() {
        try {
            int n = in.readInt();
            if (n < 0 || n > in.available() / 8) {
                throw new IllegalArgumentException("optimizer state is corrupt: double array of length " + n);
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
            }
            return v;
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    public boolean readBoolean() {
        try {
            return in.readBoolean();
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    /**
     * Reads a vector written by {@link StateWriter#writeVec} for {@code into} (either engine) and
     * returns the copy into it, so a caller can check the whole state before changing anything.
     *
     * @throws IllegalArgumentException when the stored dtype or length differ from {@code into}'s
     */
    public Runnable readVec(Vec into, String what) {
        try {
            boolean f64 = in.readBoolean();
            int length = in.readInt();
            DType stored = f64 ? DType.FLOAT64 : DType.FLOAT32;
            if (stored != into.dtype() || length != into.length()) {
                throw new IllegalArgumentException("optimizer state holds " + what + " as " + stored + "[" + length
                        + "], this instance keeps " + into.dtype() + "[" + into.length() + "]");
            }
            if (length > in.available() / (f64 ? 8 : 4)) {
                throw new IllegalArgumentException("optimizer state is truncated: " + what + " needs " + length
                        + " values, " + in.available() + " bytes left");
            }
            if (f64) {
                double[] v = new double[length];
                for (int i = 0; i < length; i++) {
                    v[i] = Double.longBitsToDouble(in.readLong());
                }
                return () -> into.engine().upload(into, v, 0);
            } else {
                float[] v = new float[length];
                for (int i = 0; i < length; i++) {
                    v[i] = Float.intBitsToFloat(in.readInt());
                }
                return () -> into.engine().upload(into, v, 0);
            }
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    /** Fails when bytes are left over: the state came from a different layout of fields. */
    public void expectEnd() {
        try {
            if (in.available() > 0) {
                throw new IllegalArgumentException("optimizer state has " + in.available() + " unread bytes: it was written by a different configuration");
            }
        } catch (IOException e) {
            throw truncated(e);
        }
    }

    private static IllegalArgumentException truncated(IOException e) {
        if (e instanceof EOFException) {
            return new IllegalArgumentException("optimizer state is truncated", e);
        }
        return new IllegalArgumentException("optimizer state could not be read: " + e.getMessage(), e);
    }
}
