package dev.driftwise.metaoptimize.tensor.jvm;

/**
 * Row-major FLOAT32 matrix product (the models are FLOAT32) C = op(A)·op(B) as plain loops that keep eight running
 * sums in registers and store C once: a block of eight columns of C for op(B) = B, eight partial sums of a dot
 * product for op(B) = Bᵀ. m × k times k × n; C is overwritten.
 */
final class MatMul {

    private MatMul() {}

    static void multiply(float[] c, int co, float[] a, int ao, boolean ta, float[] b, int bo, boolean tb, int m, int k, int n) {
        if (tb) {
            // C[i, j] = Σ_p op(A)[i, p] · B[j, p]
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int brow = bo + j * k;
                    float s;
                    if (ta) {
                        s = 0;
                        for (int p = 0; p < k; p++) {
                            s += a[ao + p * m + i] * b[brow + p];
                        }
                    } else {
                        s = dot(a, ao + i * k, b, brow, k);
                    }
                    c[co + i * n + j] = s;
                }
            }
            return;
        }
        // C[i, j] = Σ_p op(A)[i, p] · B[p, j], eight columns of C at a time in eight running sums: the inner loop only
        // loads (C2 does not vectorise a loop that stores into one view and loads from another of the same array type);
        // each of the eight sums adds over p in order.
        if (k == 1) { // an outer product (a weight gradient at micro-batch 1): one product per element
            for (int i = 0; i < m; i++) {
                float ai = a[ao + i];
                int crow = co + i * n;
                for (int j = 0; j < n; j++) {
                    c[crow + j] = ai * b[bo + j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int crow = co + i * n;
            int ai = ta ? ao + i : ao + i * k;
            int astride = ta ? m : 1;
            int j = 0;
            for (; j + 7 < n; j += 8) {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (int p = 0, ap = ai, bp = bo + j; p < k; p++, ap += astride, bp += n) {
                    float aip = a[ap];
                    s0 += aip * b[bp];
                    s1 += aip * b[bp + 1];
                    s2 += aip * b[bp + 2];
                    s3 += aip * b[bp + 3];
                    s4 += aip * b[bp + 4];
                    s5 += aip * b[bp + 5];
                    s6 += aip * b[bp + 6];
                    s7 += aip * b[bp + 7];
                }
                c[crow + j] = s0;
                c[crow + j + 1] = s1;
                c[crow + j + 2] = s2;
                c[crow + j + 3] = s3;
                c[crow + j + 4] = s4;
                c[crow + j + 5] = s5;
                c[crow + j + 6] = s6;
                c[crow + j + 7] = s7;
            }
            for (; j < n; j++) { // the last n mod 8 columns: four partial sums over p, so no add waits on the one before
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int p = 0;
                int ap = ai;
                int bp = bo + j;
                for (; p + 3 < k; p += 4, ap += 4 * astride, bp += 4 * n) {
                    s0 += a[ap] * b[bp];
                    s1 += a[ap + astride] * b[bp + n];
                    s2 += a[ap + 2 * astride] * b[bp + 2 * n];
                    s3 += a[ap + 3 * astride] * b[bp + 3 * n];
                }
                for (; p < k; p++, ap += astride, bp += n) {
                    s0 += a[ap] * b[bp];
                }
                c[crow + j] = (s0 + s1) + (s2 + s3);
            }
        }
    }

    /**
     * Σ x[xo + p]·y[yo + p] over p < k with eight partial sums: one running sum waits on the add before it (four cycles
     * a term); eight independent ones keep the multipliers busy.
     */
    private static float dot(float[] x, int xo, float[] y, int yo, int k) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int p = 0;
        for (; p + 7 < k; p += 8) {
            s0 += x[xo + p] * y[yo + p];
            s1 += x[xo + p + 1] * y[yo + p + 1];
            s2 += x[xo + p + 2] * y[yo + p + 2];
            s3 += x[xo + p + 3] * y[yo + p + 3];
            s4 += x[xo + p + 4] * y[yo + p + 4];
            s5 += x[xo + p + 5] * y[yo + p + 5];
            s6 += x[xo + p + 6] * y[yo + p + 6];
            s7 += x[xo + p + 7] * y[yo + p + 7];
        }
        for (; p < k; p++) {
            s0 += x[xo + p] * y[yo + p];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
