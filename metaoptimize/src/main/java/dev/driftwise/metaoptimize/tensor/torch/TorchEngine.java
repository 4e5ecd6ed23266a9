package dev.driftwise.metaoptimize.tensor.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Engine} on libtorch tensors through DJL, on the CPU or a GPU. Each operation forms its result
 * with libtorch ops and writes it into the destination in place (an index-put, so views into a flat
 * buffer keep sharing its memory); its temporaries are freed when it returns. Scalars become 0-d
 * tensors of the operand's dtype, cached by value, so libtorch rounds them as the JVM engine does.
 * Operations run with libtorch's per-thread gradient mode off: the equations never need autograd.
 */
public final class TorchEngine implements Engine {

    private static final NDIndex ALL = new NDIndex(":");
    private static final int SCALAR_CACHE = 256;

    private final NDManager manager;
    private final Map<Long, NDArray> scalars32 = new HashMap<>();
    private final Map<Long, NDArray> scalars64 = new HashMap<>();

    public TorchEngine(Device device) {
        this.manager = NDManager.newBaseManager(device, "PyTorch");
    }

    /** The manager every buffer of this engine lives in (for the DJL adapters). */
    public NDManager manager() {
        return manager;
    }

    /** Tensors alive in this engine's memory (buffers and views; cached scalars not counted): for leak checks. */
    public int liveArrayCount() {
        return manager.getManagedArrays().size() - scalars32.size() - scalars64.size();
    }

    @Override
    public String name() {
        return "torch";
    }

    @Override
    public String device() {
        return manager.getDevice().toString();
    }

    /** Views and buffers outlive the step's scope they may be created in. */
    void keep(NDArray array) {
        NDScope.unregister(array);
    }

    private static DataType type(DType t) {
        return t == DType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    @Override
    public Vec zeros(int length, DType dtype) {
        NDArray a = manager.zeros(new Shape(length), type(dtype));
        keep(a);
        return new TorchVec(this, a, true, 1, length);
    }

    /** Adopts a tensor (any shape) as a buffer of this engine: it is flattened to a vector view of itself. */
    public Vec adopt(NDArray array) {
        NDArray flat = array.reshape(array.getShape().size());
        keep(flat);
        return new TorchVec(this, flat, false, 1, Math.toIntExact(array.getShape().size()));
    }

    /** Copies a tensor of any shape (same element count) into {@code dst}: for adapters holding DJL arrays. */
    public void copyFrom(NDArray src, Vec dst) {
        op(() -> assign(dst, src.reshape(dst.length())));
    }

    /**
     * Copies {@code src} into a tensor of any shape (same element count), in place; the tensor may
     * require grad (a DJL trainer's parameter), so grad mode is off for the copy and restored after.
     */
    public void copyTo(Vec src, NDArray dst) {
        boolean gradMode = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            op(() -> dst.set(ALL, a(src).reshape(dst.getShape())));
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(gradMode);
        }
    }

    private static NDArray a(Vec v) {
        return ((TorchVec) v).array;
    }

    /** Writes {@code result} into {@code out} in place (shapes broadcast as libtorch does). */
    private static void assign(Vec out, NDArray result) {
        NDArray target = a(out);
        NDArray value = result.getDataType() == target.getDataType() ? result : result.toType(target.getDataType(), false);
        target.set(ALL, value.getShape().equals(target.getShape()) ? value : value.reshape(target.getShape()));
    }

    private NDArray scalar(double value, DataType type) {
        Map<Long, NDArray> cache = type == DataType.FLOAT32 ? scalars32 : scalars64;
        long key = Double.doubleToRawLongBits(type == DataType.FLOAT32 ? (float) value : value);
        NDArray s = cache.get(key);
        if (s == null) {
            if (cache.size() >= SCALAR_CACHE) { // values that change every step (bias corrections): start over
                cache.values().forEach(NDArray::close);
                cache.clear();
            }
            s = manager.create(value).toType(type, false);
            keep(s);
            cache.put(key, s);
        }
        return s;
    }

    private NDArray scalarLike(double value, NDArray like) {
        return scalar(value, like.getDataType());
    }

    /**
     * Runs one operation with its temporaries freed at the end. No grad-mode switch: no buffer of this
     * engine requires grad, so libtorch allows in-place updates whatever the thread's grad mode.
     */
    private void op(Runnable body) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            body.run();
        }
    }

    /** Whether two vectors are the same memory (the destination aliases an input: update in place). */
    private static boolean same(Vec a, Vec b) {
        return a == b;
    }

    @Override
    public void upload(Vec dst, float[] src, int from) {
        op(() -> assign(dst, manager.create(java.util.Arrays.copyOfRange(src, from, from + dst.length()))));
    }

    @Override
    public void upload(Vec dst, double[] src, int from) {
        op(() -> assign(dst, manager.create(java.util.Arrays.copyOfRange(src, from, from + dst.length()))));
    }

    @Override
    public void download(Vec src, float[] dst, int into) {
        NDArray x = a(src);
        float[] values = x.getDataType() == DataType.FLOAT32 ? x.toFloatArray() : toFloats(x.toDoubleArray());
        System.arraycopy(values, 0, dst, into, values.length);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public void download(Vec src, double[] dst, int into) {
        NDArray x = a(src);
        if (x.getDataType() == DataType.FLOAT64) {
            System.arraycopy(x.toDoubleArray(), 0, dst, into, src.length());
        } else {
            float[] f = x.toFloatArray();
            for (int i = 0; i < f.length; i++) {
                dst[into + i] = f[i];
            }
        }
    }

    @Override
    public void fill(Vec out, double s) {
        op(() -> a(out).set(ALL, scalarLike(s, a(out))));
    }

    @Override
    public void copy(Vec out, Vec x) {
        op(() -> assign(out, a(x)));
    }

    @Override
    public void lincomb(Vec out, double a, Vec x, double b, Vec y) {
        op(() -> {
            if (same(out, x)) { // out = a·out + b·y: two in-place ops and one temporary
                if (a != 1) {
                    a(out).muli(scalarLike(a, a(out)));
                }
                a(out).addi(b == 1 ? a(y) : a(y).mul(scalarLike(b, a(y))));
            } else {
                assign(out, a(x).mul(scalarLike(a, a(x))).addi(a(y).mul(scalarLike(b, a(y)))));
            }
        });
    }

    @Override
    public void scale(Vec out, double a, Vec x) {
        op(() -> {
            if (same(out, x)) {
                a(out).muli(scalarLike(a, a(out)));
            } else {
                assign(out, a(x).mul(scalarLike(a, a(x))));
            }
        });
    }

    @Override
    public void addScalar(Vec out, Vec x, double s) {
        op(() -> assign(out, a(x).add(scalarLike(s, a(x)))));
    }

    @Override
    public void addcmul(Vec out, double a, Vec x, double b, Vec y, Vec z) {
        op(() -> {
            NDArray product = a(y).mul(a(z)).muli(scalarLike(b, a(y)));
            if (same(out, x)) {
                if (a != 1) {
                    a(out).muli(scalarLike(a, a(out)));
                }
                a(out).addi(product);
            } else {
                assign(out, a(x).mul(scalarLike(a, a(x))).addi(product));
            }
        });
    }

    @Override
    public void mul(Vec out, double s, Vec x, Vec y) {
        op(() -> assign(out, a(x).mul(a(y)).muli(scalarLike(s, a(x)))));
    }

    @Override
    public void div(Vec out, Vec x, Vec y) {
        op(() -> assign(out, a(x).div(a(y))));
    }

    @Override
    public void normalize(Vec out, double s, Vec num, Vec den, double mu, double epsIn, double epsOut) {
        op(() -> {
            NDArray d = a(den);
            NDArray root = d.mul(scalarLike(mu, d)).addi(scalarLike(epsIn, d)).sqrt().addi(scalarLike(epsOut, d));
            assign(out, a(num).div(root).muli(scalarLike(s, d)));
        });
    }

    @Override
    public void sign(Vec out, Vec x) {
        op(() -> assign(out, a(x).sign()));
    }

    @Override
    public void abs(Vec out, Vec x) {
        op(() -> assign(out, a(x).abs()));
    }

    @Override
    public void sqrt(Vec out, Vec x) {
        op(() -> assign(out, a(x).sqrt()));
    }

    @Override
    public void exp(Vec out, Vec x) {
        op(() -> assign(out, a(x).exp()));
    }

    @Override
    public void log(Vec out, Vec x) {
        op(() -> assign(out, a(x).log()));
    }

    @Override
    public void maxScalar(Vec out, Vec x, double s) {
        op(() -> assign(out, a(x).maximum(scalarLike(s, a(x)))));
    }

    @Override
    public void minScalar(Vec out, Vec x, double s) {
        op(() -> assign(out, a(x).minimum(scalarLike(s, a(x)))));
    }

    @Override
    public void maximum(Vec out, Vec x, Vec y) {
        op(() -> assign(out, a(x).maximum(a(y))));
    }

    @Override
    public void minimum(Vec out, Vec x, Vec y) {
        op(() -> assign(out, a(x).minimum(a(y))));
    }

    @Override
    public double sum(Vec x) {
        double[] result = new double[1];
        op(() -> result[0] = a(x).toType(DataType.FLOAT64, false).sum().getDouble());
        return result[0];
    }

    @Override
    public double dot(Vec x, Vec y) {
        double[] result = new double[1];
        op(() -> {
            NDArray p = a(x);
            NDArray q = a(y);
            NDArray d = p.getDataType() == DataType.FLOAT64 ? p.dot(q)
                    : p.toType(DataType.FLOAT64, false).dot(q.toType(DataType.FLOAT64, false));
            result[0] = d.getDouble();
        });
        return result[0];
    }

    @Override
    public void matmul(Vec out, Vec a, boolean transposeA, Vec b, boolean transposeB) {
        op(() -> {
            NDArray x = matrix(a);
            NDArray y = matrix(b);
            assign(out, (transposeA ? x.transpose() : x).matMul(transposeB ? y.transpose() : y));
        });
    }

    private static NDArray matrix(Vec v) {
        NDArray x = a(v);
        return x.getShape().dimension() == 2 ? x : x.reshape(v.rows(), v.cols());
    }

    @Override
    public void addRow(Vec out, Vec x, Vec row) {
        op(() -> assign(out, matrix(x).add(a(row))));
    }

    @Override
    public void columnSums(Vec out, Vec x) {
        op(() -> assign(out, matrix(x).sum(new int[] {0})));
    }

    @Override
    public void relu(Vec out, Vec x) {
        op(() -> assign(out, a(x).getNDArrayInternal().relu()));
    }

    @Override
    public void reluBackward(Vec out, Vec grad, Vec pre) {
        op(() -> assign(out, a(grad).mul(a(pre).gt(0).toType(a(grad).getDataType(), false))));
    }

    @Override
    public void tanh(Vec out, Vec x) {
        op(() -> assign(out, a(x).tanh()));
    }

    @Override
    public void tanhBackward(Vec out, Vec grad, Vec y) {
        op(() -> {
            NDArray t = a(y);
            assign(out, a(grad).mul(scalarLike(1, t).sub(t.square())));
        });
    }

    @Override
    public void close() {
        scalars32.clear();
        scalars64.clear();
        manager.close();
    }
}
