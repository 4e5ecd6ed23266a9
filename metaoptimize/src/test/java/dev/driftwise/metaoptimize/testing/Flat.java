package dev.driftwise.metaoptimize.testing;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/** Flat vectors from and to host arrays, on any engine: the tests' way in and out of the optimizer. */
public final class Flat {

    private Flat() {}

    public static Vec of(Engine engine, double... values) {
        Vec v = engine.zeros(values.length, DType.FLOAT64);
        engine.upload(v, values, 0);
        return v;
    }

    public static Vec of(Engine engine, float... values) {
        Vec v = engine.zeros(values.length, DType.FLOAT32);
        engine.upload(v, values, 0);
        return v;
    }

    /** Overwrites {@code into} with {@code values}. */
    public static Vec set(Vec into, double... values) {
        into.engine().upload(into, values, 0);
        return into;
    }

    public static Vec set(Vec into, float... values) {
        into.engine().upload(into, values, 0);
        return into;
    }

    public static double[] doubles(Vec v) {
        double[] out = new double[v.length()];
        v.engine().download(v, out, 0);
        return out;
    }

    public static float[] floats(Vec v) {
        float[] out = new float[v.length()];
        v.engine().download(v, out, 0);
        return out;
    }
}
