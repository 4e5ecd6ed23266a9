package dev.driftwise.metaoptimize.tensor;

/**
 * A contiguous run of numbers on one {@link Engine}: a whole buffer, or a view into one (a tensor of
 * a flat parameter vector). Optionally shaped as a row-major matrix for the matrix operations.
 * Views share memory with their buffer; closing a view does nothing, closing a buffer frees it.
 */
public interface Vec extends AutoCloseable {

    Engine engine();

    DType dtype();

    int length();

    /** Rows of the matrix shape (1 for a plain vector). */
    int rows();

    /** Columns of the matrix shape ({@link #length()} for a plain vector). */
    int cols();

    /** A view of {@code length} elements from {@code offset}, shaped as a vector. */
    Vec slice(int offset, int length);

    /** A view of the same elements as a {@code rows × cols} row-major matrix. */
    Vec shaped(int rows, int cols);

    /** Frees a buffer's memory (a no-op for views and for memory the garbage collector owns). */
    @Override
    void close();
}
