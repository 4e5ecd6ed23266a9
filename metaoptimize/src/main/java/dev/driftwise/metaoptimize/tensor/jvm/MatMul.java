package dev.driftwise.metaoptimize.tensor.jvm;

/**
 * Row-major FLOAT32 matrix product (the models are FLOAT32) C = op(A)·op(B) as plain loops whose innermost loop runs along a
 * row of C, so the JIT vectorises it (an axpy per element of A), or, for op(B) = Bᵀ, along a row of
 * both operands (a dot product). m × k times k × n; C is overwritten.
 */
final class MatMul {

    private MatMul() {}

    static void multiply(float[] c, int co, float[] a, int ao, boolean ta, float[] b, int bo, boolean tb, int m, int k, int n) {
        if (tb) {
            // C[i, j] = Σ_p op(A)[i, p] · B[j, p]
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0;
                    int brow = bo + j * k;
                    for (int p = 0; p < k; p++) {
                        float aip = ta ? a[ao + p * m + i] : a[ao + i * k + p];
                        s += aip * b[brow + p];
                    }
                    c[co + i * n + j] = s;
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int crow = co + i * n;
            java.util.Arrays.fill(c, crow, crow + n, 0);
            for (int p = 0; p < k; p++) {
                float aip = ta ? a[ao + p * m + i] : a[ao + i * k + p];
                int brow = bo + p * n;
                for (int j = 0; j < n; j++) {
                    c[crow + j] += aip * b[brow + j];
                }
            }
        }
    }
}
