package dev.driftwise.metaoptimize.tensor;

/**
 * The small set of tensor operations every equation of the optimizer and the model is written in,
 * so that each equation exists once and runs on any engine: plain JVM arrays for small models (no
 * native call per operation) or libtorch through DJL (GPU, large models). Operations write into a
 * destination that may alias an input; scalars come as doubles and are rounded to the destination's
 * dtype first, as libtorch does. Reductions accumulate in double and return a host double.
 *
 * <p>Operands of one elementwise operation have one dtype and one length, except where a method
 * says otherwise (conversions). An engine is not thread-safe; one engine per learner thread.
 */
public interface Engine extends AutoCloseable {

    /** "jvm" or "torch". */
    String name();

    /** Where the memory lives, e.g. "cpu()" or "gpu(0)". */
    String device();

    // ---------------------------------------------------------------- memory

    /** A new buffer of zeros. */
    Vec zeros(int length, DType dtype);

    /** Copies host values into {@code dst} (of either dtype) from {@code src[from .. from + dst.length())}. */
    void upload(Vec dst, float[] src, int from);

    void upload(Vec dst, double[] src, int from);

    /** Copies {@code src} (of either dtype) to the host, into {@code dst[into ..]}. */
    void download(Vec src, float[] dst, int into);

    void download(Vec src, double[] dst, int into);

    // ---------------------------------------------------------------- elementwise

    /** out = s. */
    void fill(Vec out, double s);

    /** out = x, converting the dtype when they differ. */
    void copy(Vec out, Vec x);

    /** out = a·x + b·y. */
    void lincomb(Vec out, double a, Vec x, double b, Vec y);

    /** out = a·x. */
    void scale(Vec out, double a, Vec x);

    /** out = x + s. */
    void addScalar(Vec out, Vec x, double s);

    /** out = a·x + b·(y ⊙ z). */
    void addcmul(Vec out, double a, Vec x, double b, Vec y, Vec z);

    /** out = s·(x ⊙ y); {@code out} may be FLOAT64 where x and y are FLOAT32 (products formed in FLOAT32). */
    void mul(Vec out, double s, Vec x, Vec y);

    /** out = x / y. */
    void div(Vec out, Vec x, Vec y);

    /** out = s·num / (sqrt(μ·den + εIn) + εOut): the normaliser of RMSProp and Adam in all their forms. */
    void normalize(Vec out, double s, Vec num, Vec den, double mu, double epsIn, double epsOut);

    /** out = sign(x), with sign(0) = 0. */
    void sign(Vec out, Vec x);

    void abs(Vec out, Vec x);

    void sqrt(Vec out, Vec x);

    /** out = exp(x); {@code out} may be FLOAT32 where x is FLOAT64 (computed in FLOAT64, then rounded). */
    void exp(Vec out, Vec x);

    void log(Vec out, Vec x);

    /** out = max(x, s). */
    void maxScalar(Vec out, Vec x, double s);

    /** out = min(x, s). */
    void minScalar(Vec out, Vec x, double s);

    /** out = max(x, y). */
    void maximum(Vec out, Vec x, Vec y);

    /** out = min(x, y). */
    void minimum(Vec out, Vec x, Vec y);

    // ---------------------------------------------------------------- reductions (double, on the host)

    double sum(Vec x);

    double dot(Vec x, Vec y);

    /** Whether every element is finite (one reduction: a NaN or ±∞ anywhere makes the sum non-finite). */
    default boolean allFinite(Vec x) {
        return Double.isFinite(sum(x));
    }

    // ---------------------------------------------------------------- matrices (row-major shapes)

    /** out = op(a)·op(b), op = transpose where asked; shapes from {@link Vec#rows()}/{@link Vec#cols()}. */
    void matmul(Vec out, Vec a, boolean transposeA, Vec b, boolean transposeB);

    /** out[r, :] = x[r, :] + row, for every row r. */
    void addRow(Vec out, Vec x, Vec row);

    /** out[c] = Σ_r x[r, c]. */
    void columnSums(Vec out, Vec x);

    void relu(Vec out, Vec x);

    /** out = grad ⊙ [pre > 0] (libtorch's threshold_backward at 0). */
    void reluBackward(Vec out, Vec grad, Vec pre);

    void tanh(Vec out, Vec x);

    /** out = grad ⊙ (1 − y²) with y = tanh(pre) (libtorch's tanh_backward). */
    void tanhBackward(Vec out, Vec grad, Vec y);

    /** Releases what the engine itself holds (cached constants); buffers are closed by their owners. */
    @Override
    void close();
}
