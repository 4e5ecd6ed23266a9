package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.testing.WeightFlippingTask;
import dev.driftwise.metaoptimize.trace.TraceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §5: MetaOptimize with the right settings IS IDBD (Sutton 1992) and Baydin et al.'s SGD-HD,
 * step for step, against reference loops written here from the original papers' update rules.
 */
class SpecialCasesTest {

    private static final int N = WeightFlippingTask.INPUTS;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** IDBD = SGD base, SGD meta (η = θ), per weight, γ = 1, diagonal-Hessian rectified trace, AFTER_META. */
    @Test
    void reproducesIdbd() {
        double theta = 0.01;
        double beta0 = Math.log(0.05);
        NDArray w = manager.zeros(new Shape(N), DataType.FLOAT64);
        w.setName("w");
        MetaOptimize idbdSettings = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD)
                .optMetaStepSize(theta).optBlocks(StepSizeBlocks.perWeight()).optDiscount(1.0)
                .optTrace(TraceKind.DIAGONAL_HESSIAN).optAlphaTiming(AlphaTiming.AFTER_META)
                .optInitialStepSize(Math.exp(beta0)).build(ParameterLayout.of(new NDList(w)), manager);
        // Sutton (1992), Figure 2
        double[] rw = new double[N];
        double[] rh = new double[N];
        double[] rb = new double[N];
        java.util.Arrays.fill(rb, beta0);
        WeightFlippingTask task = new WeightFlippingTask(3);
        double[] x = new double[N];
        for (int s = 0; s < 3000; s++) {
            double y = task.next(x);
            double delta = y;
            for (int i = 0; i < N; i++) {
                delta -= rw[i] * x[i];
            }
            for (int i = 0; i < N; i++) {
                rb[i] += theta * delta * x[i] * rh[i];
                double alpha = Math.exp(rb[i]);
                rw[i] += alpha * delta * x[i];
                rh[i] = rh[i] * Math.max(0, 1 - alpha * x[i] * x[i]) + alpha * delta * x[i];
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray xs = step.create(x);
                NDArray residual = w.dot(xs).sub(y); // ŷ − y = −δ
                NDList grad = new NDList(xs.mul(residual)); // ∇½(y − ŷ)² = −δx
                idbdSettings.step(new NDList(w), grad, StepContext.withDiagonalHessian(new NDList(xs.square())));
            }
            if (s % 500 == 499 || s < 3) {
                double[] got = w.toDoubleArray();
                for (int i = 0; i < N; i++) {
                    assertEquals(rw[i], got[i], 1e-9, "IDBD w[" + i + "] after sample " + (s + 1));
                }
            }
        }
        NDList h = idbdSettings.traceColumn(0);
        double[] gotH = h.get(0).toDoubleArray();
        for (int i = 0; i < N; i++) {
            assertEquals(rh[i], gotH[i], 1e-9, "IDBD h[" + i + "]");
        }
        double meanBeta = 0;
        for (double b : rb) {
            meanBeta += b / N;
        }
        assertEquals(meanBeta, idbdSettings.stepSizes().get(0).beta(), 1e-9, "mean β");
        idbdSettings.close();
    }

    /**
     * Baydin et al. (2018) SGD-HD: α_t = α_{t−1} + η g_tᵀg_{t−1}; w_{t+1} = w_t − α_t g_t. = SGD base,
     * SGD meta, scalar, γ = 0, σ = identity, AFTER_META, Hessian-free trace (h_{t+1} = −g_t).
     */
    @Test
    void reproducesSgdHypergradientDescent() {
        double eta = 1e-4;
        double alpha0 = 0.01;
        NDArray w = manager.zeros(new Shape(N), DataType.FLOAT64);
        w.setName("w");
        MetaOptimize hd = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD)
                .optMetaStepSize(eta).optBlocks(StepSizeBlocks.scalar()).optDiscount(0.0)
                .optStepSizeMap(StepSizeMap.IDENTITY).optAlphaTiming(AlphaTiming.AFTER_META)
                .optInitialStepSize(alpha0).build(ParameterLayout.of(new NDList(w)), manager);
        double[] rw = new double[N];
        double[] previous = new double[N];
        double alpha = alpha0;
        WeightFlippingTask task = new WeightFlippingTask(11);
        double[] x = new double[N];
        for (int s = 0; s < 3000; s++) {
            double y = task.next(x);
            double residual = -y;
            for (int i = 0; i < N; i++) {
                residual += rw[i] * x[i];
            }
            double[] g = new double[N];
            double dot = 0;
            for (int i = 0; i < N; i++) {
                g[i] = residual * x[i];
                dot += g[i] * previous[i];
            }
            alpha += eta * dot;
            for (int i = 0; i < N; i++) {
                rw[i] -= alpha * g[i];
            }
            previous = g;
            try (NDManager step = manager.newSubManager()) {
                NDArray xs = step.create(x);
                hd.step(new NDList(w), new NDList(xs.mul(w.dot(xs).sub(y))));
            }
            assertEquals(alpha, hd.stepSizes().get(0).alpha(), 1e-9 * Math.max(1, Math.abs(alpha)),
                    "HD α after sample " + (s + 1));
        }
        double[] got = w.toDoubleArray();
        for (int i = 0; i < N; i++) {
            assertEquals(rw[i], got[i], 1e-9, "HD w[" + i + "]");
        }
        hd.close();
    }
}
