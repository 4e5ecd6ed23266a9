package dev.driftwise.metaoptimize.tensor.jvm;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;

/**
 * {@link Engine} on plain Java arrays: every operation is one simple loop that the JIT compiles
 * (and, for the elementwise ones, vectorises), with no native call and no allocation. FLOAT32
 * operations round their scalars to float and compute in float, operation by operation, as
 * libtorch's CPU kernels do; FLOAT64 ones compute in double.
 *
 * <p>Every elementwise loop runs on one index for all its operands: C2 (JDK 17 to 25) vectorises a loop only when
 * every operand is indexed by the same expression, because operands are views that may share one array and views
 * at different offsets could overlap (Adam's normalisation over 14,000 weights: 2 µs on one index, 32 µs on one
 * index per operand). The operands of the optimizer and the model start at the same offset (whole vectors, and a
 * layer's slices of the parameters, the gradients and the state); an input view at another offset than the output
 * is copied first ({@link #aligned}), which no caller does per step.
 */
public final class JvmEngine implements Engine {

    /** One instance serves every caller: it holds no state. */
    public static final JvmEngine INSTANCE = new JvmEngine();

    private JvmEngine() {}

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public Vec zeros(int length, DType dtype) {
        return dtype == DType.FLOAT32 ? new JvmVec(this, new float[length], null, 0, length, 1, length)
                : new JvmVec(this, null, new double[length], 0, length, 1, length);
    }

    /** Views a host array as a FLOAT32 vector without copying: the learner's input rows. */
    public Vec wrap(float[] data) {
        return new JvmVec(this, data, null, 0, data.length, 1, data.length);
    }

    /** Views a host array as a FLOAT64 vector without copying: step-size state of scalar and block step sizes. */
    public Vec wrap(double[] data) {
        return new JvmVec(this, null, data, 0, data.length, 1, data.length);
    }

    private static JvmVec v(Vec x) {
        return (JvmVec) x;
    }

    /**
     * {@code x} itself when it starts at {@code out}'s offset, else a copy of it placed at that offset (in an array of
     * {@code out.off + x.len} elements), so that an elementwise loop can index both with one index.
     */
    private static JvmVec aligned(JvmVec out, JvmVec x) {
        if (x.off == out.off) {
            return x;
        }
        JvmVec copy = x.f32() ? new JvmVec(INSTANCE, new float[out.off + x.len], null, out.off, x.len, x.rows, x.cols)
                : new JvmVec(INSTANCE, null, new double[out.off + x.len], out.off, x.len, x.rows, x.cols);
        if (x.f32()) {
            System.arraycopy(x.f, x.off, copy.f, copy.off, x.len);
        } else {
            System.arraycopy(x.d, x.off, copy.d, copy.off, x.len);
        }
        return copy;
    }

    private static void sameLength(JvmVec a, JvmVec b) {
        if (a.len != b.len) {
            throw new IllegalArgumentException("operands of " + a.len + " and " + b.len + " elements");
        }
    }

    @Override
    public void upload(Vec dst, float[] src, int from) {
        JvmVec o = v(dst);
        if (o.f32()) {
            System.arraycopy(src, from, o.f, o.off, o.len);
        } else {
            for (int i = 0; i < o.len; i++) {
                o.d[o.off + i] = src[from + i];
            }
        }
    }

    @Override
    public void upload(Vec dst, double[] src, int from) {
        JvmVec o = v(dst);
        if (o.f32()) {
            for (int i = 0; i < o.len; i++) {
                o.f[o.off + i] = (float) src[from + i];
            }
        } else {
            System.arraycopy(src, from, o.d, o.off, o.len);
        }
    }

    @Override
    public void download(Vec src, float[] dst, int into) {
        JvmVec x = v(src);
        if (x.f32()) {
            System.arraycopy(x.f, x.off, dst, into, x.len);
        } else {
            for (int i = 0; i < x.len; i++) {
                dst[into + i] = (float) x.d[x.off + i];
            }
        }
    }

    @Override
    public void download(Vec src, double[] dst, int into) {
        JvmVec x = v(src);
        if (x.f32()) {
            for (int i = 0; i < x.len; i++) {
                dst[into + i] = x.f[x.off + i];
            }
        } else {
            System.arraycopy(x.d, x.off, dst, into, x.len);
        }
    }

    @Override
    public void fill(Vec out, double s) {
        JvmVec o = v(out);
        if (o.f32()) {
            java.util.Arrays.fill(o.f, o.off, o.off + o.len, (float) s);
        } else {
            java.util.Arrays.fill(o.d, o.off, o.off + o.len, s);
        }
    }

    @Override
    public void copy(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec a = v(x);
        sameLength(o, a);
        if (o.f32() && a.f32()) {
            System.arraycopy(a.f, a.off, o.f, o.off, o.len);
        } else if (!o.f32() && !a.f32()) {
            System.arraycopy(a.d, a.off, o.d, o.off, o.len);
        } else if (o.f32()) {
            for (int i = 0; i < o.len; i++) {
                o.f[o.off + i] = (float) a.d[a.off + i];
            }
        } else {
            for (int i = 0; i < o.len; i++) {
                o.d[o.off + i] = a.f[a.off + i];
            }
        }
    }

    @Override
    public void lincomb(Vec out, double a, Vec x, double b, Vec y) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        sameLength(o, p);
        sameLength(o, q);
        int n = o.len;
        if (o.f32()) {
            float fa = (float) a;
            float fb = (float) b;
            float[] od = o.f;
            float[] pd = p.f;
            float[] qd = q.f;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * fa + qd[i] * fb;
            }
        } else {
            double[] od = o.d;
            double[] pd = p.d;
            double[] qd = q.d;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * a + qd[i] * b;
            }
        }
    }

    @Override
    public void scale(Vec out, double a, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        int n = o.len;
        if (o.f32()) {
            float fa = (float) a;
            float[] od = o.f;
            float[] pd = p.f;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * fa;
            }
        } else {
            double[] od = o.d;
            double[] pd = p.d;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * a;
            }
        }
    }

    @Override
    public void addScalar(Vec out, Vec x, double s) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        int n = o.len;
        if (o.f32()) {
            float fs = (float) s;
            for (int i = o.off, end = o.off + n; i < end; i++) {
                o.f[i] = p.f[i] + fs;
            }
        } else {
            for (int i = o.off, end = o.off + n; i < end; i++) {
                o.d[i] = p.d[i] + s;
            }
        }
    }

    @Override
    public void addcmul(Vec out, double a, Vec x, double b, Vec y, Vec z) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        JvmVec r = aligned(o, v(z));
        sameLength(o, p);
        sameLength(o, q);
        sameLength(o, r);
        int n = o.len;
        if (o.f32()) {
            float fa = (float) a;
            float fb = (float) b;
            float[] od = o.f;
            float[] pd = p.f;
            float[] qd = q.f;
            float[] rd = r.f;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * fa + (qd[i] * rd[i]) * fb;
            }
        } else {
            double[] od = o.d;
            double[] pd = p.d;
            double[] qd = q.d;
            double[] rd = r.d;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                od[i] = pd[i] * a + (qd[i] * rd[i]) * b;
            }
        }
    }

    @Override
    public void mul(Vec out, double s, Vec x, Vec y) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        sameLength(o, p);
        sameLength(o, q);
        int n = o.len;
        if (p.f32()) {
            float fs = (float) s;
            float[] pd = p.f;
            float[] qd = q.f;
            int oo = o.off;
            if (o.f32()) {
                float[] od = o.f;
                for (int i = oo, end = oo + n; i < end; i++) {
                    od[i] = (pd[i] * qd[i]) * fs;
                }
            } else {
                double[] od = o.d;
                for (int i = oo, end = oo + n; i < end; i++) {
                    od[i] = (pd[i] * qd[i]) * fs;
                }
            }
        } else {
            for (int i = o.off, end = o.off + n; i < end; i++) {
                o.d[i] = (p.d[i] * q.d[i]) * s;
            }
        }
    }

    @Override
    public void div(Vec out, Vec x, Vec y) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        sameLength(o, p);
        sameLength(o, q);
        int n = o.len;
        if (o.f32()) {
            for (int i = o.off, end = o.off + n; i < end; i++) {
                o.f[i] = p.f[i] / q.f[i];
            }
        } else {
            for (int i = o.off, end = o.off + n; i < end; i++) {
                o.d[i] = p.d[i] / q.d[i];
            }
        }
    }

    @Override
    public void normalize(Vec out, double s, Vec num, Vec den, double mu, double epsIn, double epsOut) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(num));
        JvmVec q = aligned(o, v(den));
        sameLength(o, p);
        sameLength(o, q);
        int n = o.len;
        if (o.f32()) {
            float fs = (float) s;
            float fmu = (float) mu;
            float fin = (float) epsIn;
            float fout = (float) epsOut;
            float[] od = o.f;
            float[] pd = p.f;
            float[] qd = q.f;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                float root = (float) Math.sqrt(qd[i] * fmu + fin) + fout;
                od[i] = (pd[i] / root) * fs;
            }
        } else {
            double[] od = o.d;
            double[] pd = p.d;
            double[] qd = q.d;
            int oo = o.off;
            for (int i = oo, end = oo + n; i < end; i++) {
                double root = Math.sqrt(qd[i] * mu + epsIn) + epsOut;
                od[i] = (pd[i] / root) * s;
            }
        }
    }

    @Override
    public void sign(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.signum(p.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.signum(p.d[i]);
            }
        }
    }

    @Override
    public void abs(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.abs(p.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.abs(p.d[i]);
            }
        }
    }

    @Override
    public void sqrt(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = (float) Math.sqrt(p.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.sqrt(p.d[i]);
            }
        }
    }

    @Override
    public void exp(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = v(x);
        sameLength(o, p);
        for (int i = 0; i < o.len; i++) {
            double e = Math.exp(p.f32() ? p.f[p.off + i] : p.d[p.off + i]);
            if (o.f32()) {
                o.f[o.off + i] = (float) e;
            } else {
                o.d[o.off + i] = e;
            }
        }
    }

    @Override
    public void log(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = (float) Math.log(p.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.log(p.d[i]);
            }
        }
    }

    @Override
    public void maxScalar(Vec out, Vec x, double s) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            float fs = (float) s;
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.max(p.f[i], fs);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.max(p.d[i], s);
            }
        }
    }

    @Override
    public void minScalar(Vec out, Vec x, double s) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            float fs = (float) s;
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.min(p.f[i], fs);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.min(p.d[i], s);
            }
        }
    }

    @Override
    public void maximum(Vec out, Vec x, Vec y) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        sameLength(o, p);
        sameLength(o, q);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.max(p.f[i], q.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.max(p.d[i], q.d[i]);
            }
        }
    }

    @Override
    public void minimum(Vec out, Vec x, Vec y) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        JvmVec q = aligned(o, v(y));
        sameLength(o, p);
        sameLength(o, q);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = Math.min(p.f[i], q.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.min(p.d[i], q.d[i]);
            }
        }
    }

    @Override
    public double sum(Vec x) {
        JvmVec p = v(x);
        double s0 = 0;
        double s1 = 0;
        int n = p.len;
        int i = 0;
        if (p.f32()) {
            float[] pd = p.f;
            int po = p.off;
            for (; i + 1 < n; i += 2) {
                s0 += pd[po + i];
                s1 += pd[po + i + 1];
            }
            for (; i < n; i++) {
                s0 += pd[po + i];
            }
        } else {
            double[] pd = p.d;
            int po = p.off;
            for (; i + 1 < n; i += 2) {
                s0 += pd[po + i];
                s1 += pd[po + i + 1];
            }
            for (; i < n; i++) {
                s0 += pd[po + i];
            }
        }
        return s0 + s1;
    }

    @Override
    public double dot(Vec x, Vec y) {
        JvmVec p = v(x);
        JvmVec q = v(y);
        sameLength(p, q);
        int n = p.len;
        // four independent double accumulators: the loop is latency-bound otherwise
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        if (p.f32()) {
            float[] pd = p.f;
            float[] qd = q.f;
            int po = p.off;
            int qo = q.off;
            for (; i + 3 < n; i += 4) {
                s0 += (double) pd[po + i] * qd[qo + i];
                s1 += (double) pd[po + i + 1] * qd[qo + i + 1];
                s2 += (double) pd[po + i + 2] * qd[qo + i + 2];
                s3 += (double) pd[po + i + 3] * qd[qo + i + 3];
            }
            for (; i < n; i++) {
                s0 += (double) pd[po + i] * qd[qo + i];
            }
        } else {
            double[] pd = p.d;
            double[] qd = q.d;
            int po = p.off;
            int qo = q.off;
            for (; i + 3 < n; i += 4) {
                s0 += pd[po + i] * qd[qo + i];
                s1 += pd[po + i + 1] * qd[qo + i + 1];
                s2 += pd[po + i + 2] * qd[qo + i + 2];
                s3 += pd[po + i + 3] * qd[qo + i + 3];
            }
            for (; i < n; i++) {
                s0 += pd[po + i] * qd[qo + i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void matmul(Vec out, Vec a, boolean transposeA, Vec b, boolean transposeB) {
        JvmVec o = v(out);
        JvmVec x = v(a);
        JvmVec y = v(b);
        int m = transposeA ? x.cols : x.rows;
        int k = transposeA ? x.rows : x.cols;
        int k2 = transposeB ? y.cols : y.rows;
        int n = transposeB ? y.rows : y.cols;
        if (k != k2 || o.rows != m || o.cols != n) {
            throw new IllegalArgumentException("matmul of " + x + (transposeA ? "ᵀ" : "") + " and " + y
                    + (transposeB ? "ᵀ" : "") + " into " + o);
        }
        if (!o.f32() || !x.f32() || !y.f32()) {
            throw new IllegalArgumentException("matmul on the jvm engine is FLOAT32 (the models' dtype); got " + o + ", "
                    + x + ", " + y);
        }
        MatMul.multiply(o.f, o.off, x.f, x.off, transposeA, y.f, y.off, transposeB, m, k, n);
    }

    @Override
    public void addRow(Vec out, Vec x, Vec row) {
        JvmVec o = v(out);
        JvmVec p = v(x);
        JvmVec r = v(row);
        if (r.len != o.cols || p.len != o.len) {
            throw new IllegalArgumentException("addRow of " + r + " to " + p + " into " + o);
        }
        int cols = o.cols;
        for (int row0 = 0; row0 < o.rows; row0++) {
            int base = row0 * cols;
            if (o.f32()) {
                for (int c = 0; c < cols; c++) {
                    o.f[o.off + base + c] = p.f[p.off + base + c] + r.f[r.off + c];
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    o.d[o.off + base + c] = p.d[p.off + base + c] + r.d[r.off + c];
                }
            }
        }
    }

    @Override
    public void columnSums(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = v(x);
        if (o.len != p.cols) {
            throw new IllegalArgumentException("columnSums of " + p + " into " + o);
        }
        int cols = p.cols;
        if (o.f32()) {
            System.arraycopy(p.f, p.off, o.f, o.off, cols);
            for (int r = 1; r < p.rows; r++) {
                for (int c = 0; c < cols; c++) {
                    o.f[o.off + c] += p.f[p.off + r * cols + c];
                }
            }
        } else {
            System.arraycopy(p.d, p.off, o.d, o.off, cols);
            for (int r = 1; r < p.rows; r++) {
                for (int c = 0; c < cols; c++) {
                    o.d[o.off + c] += p.d[p.off + r * cols + c];
                }
            }
        }
    }

    @Override
    public void relu(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                float a = p.f[i];
                o.f[i] = a > 0 ? a : 0f;
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                double a = p.d[i];
                o.d[i] = a > 0 ? a : 0d;
            }
        }
    }

    @Override
    public void reluBackward(Vec out, Vec grad, Vec pre) {
        JvmVec o = v(out);
        JvmVec g = aligned(o, v(grad));
        JvmVec a = aligned(o, v(pre));
        sameLength(o, g);
        sameLength(o, a);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = a.f[i] > 0 ? g.f[i] : 0f;
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = a.d[i] > 0 ? g.d[i] : 0d;
            }
        }
    }

    @Override
    public void tanh(Vec out, Vec x) {
        JvmVec o = v(out);
        JvmVec p = aligned(o, v(x));
        sameLength(o, p);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.f[i] = (float) Math.tanh(p.f[i]);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                o.d[i] = Math.tanh(p.d[i]);
            }
        }
    }

    @Override
    public void tanhBackward(Vec out, Vec grad, Vec y) {
        JvmVec o = v(out);
        JvmVec g = aligned(o, v(grad));
        JvmVec t = aligned(o, v(y));
        sameLength(o, g);
        sameLength(o, t);
        if (o.f32()) {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                float yi = t.f[i];
                o.f[i] = g.f[i] * (1f - yi * yi);
            }
        } else {
            for (int i = o.off, end = o.off + o.len; i < end; i++) {
                double yi = t.d[i];
                o.d[i] = g.d[i] * (1d - yi * yi);
            }
        }
    }

    @Override
    public void close() {}
}
