package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full trace (L, γ = 1, β held constant by a fixed meta) must equal dw_T/dβ of the unrolled
 * base updates, measured by central differences in β on a 3-weight logistic regression, float64.
 */
class FullTraceNumericalTest {

    private static final double[][] X = {{1.0, 0.5, -0.3}, {-0.7, 1.2, 0.4}, {0.3, -0.8, 1.1}, {1.5, 0.2, 0.9}};
    private static final double[] Y = {1, -1, 1, -1};
    private static final double[] W0 = {0.1, -0.2, 0.3};
    private static final int STEPS = 10;
    private static final ParameterLayout LAYOUT = ParameterLayout.vectors("w", 3);
    private static final Engine JVM = JvmEngine.INSTANCE;

    /** ∇ (1/K) Σ log(1 + exp(−y xᵀw)), plain Java. */
    static double[] gradient(double[] w) {
        double[] g = new double[3];
        for (int k = 0; k < X.length; k++) {
            double margin = 0;
            for (int i = 0; i < 3; i++) {
                margin += X[k][i] * w[i];
            }
            double s = 1 / (1 + Math.exp(Y[k] * margin)); // σ(−y xᵀw)
            for (int i = 0; i < 3; i++) {
                g[i] -= Y[k] * X[k][i] * s / X.length;
            }
        }
        return g;
    }

    /** The gradient at {@code weights}, written into {@code out} (a {@link GradientFunction}). */
    static void gradientOf(Vec weights, Vec out) {
        Flat.set(out, gradient(Flat.doubles(weights)));
    }

    private static Vec gradientOf(Vec weights) {
        Vec g = weights.engine().zeros(weights.length(), DType.FLOAT64);
        gradientOf(weights, g);
        return g;
    }

    static Stream<Arguments> bases() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (EngineKind e : EngineKind.values()) {
            out.add(Arguments.of(e, BaseAlgorithm.SGD, AdamForm.CODE, 2.0));
            out.add(Arguments.of(e, BaseAlgorithm.SGDM, AdamForm.CODE, 2.0));
            out.add(Arguments.of(e, BaseAlgorithm.ADAM, AdamForm.CODE, 0.05));
            out.add(Arguments.of(e, BaseAlgorithm.ADAM, AdamForm.STANDARD, 0.2));
            out.add(Arguments.of(e, BaseAlgorithm.LION, AdamForm.CODE, 0.05));
        }
        return out.build();
    }

    private MetaOptimizeBuilder builder(BaseAlgorithm base, AdamForm form, double alpha0) {
        return MetaOptimize.builder().optBase(base).optAdamForm(form).optMeta(MetaAlgorithm.FIXED)
                .optWeightDecay(0.05).optInitialStepSize(alpha0).optDiscount(1.0);
    }

    private double[] unroll(BaseAlgorithm base, AdamForm form, double alpha0) {
        ReferenceLoop ref = new ReferenceLoop(builder(base, form, alpha0).config(), W0, new int[] {0, 0, 0}, 1);
        for (int t = 0; t < STEPS; t++) {
            ref.step(gradient(ref.w));
        }
        return ref.w;
    }

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @MethodSource("bases")
    void traceIsTheDerivativeOfTheUnrolledWeightsWithRespectToBeta(EngineKind kind, BaseAlgorithm base, AdamForm form,
            double alpha0) {
        double eps = 1e-5;
        double[] plus = unroll(base, form, alpha0 * Math.exp(eps));
        double[] minus = unroll(base, form, alpha0 * Math.exp(-eps));
        double[] numeric = new double[3];
        for (int i = 0; i < 3; i++) {
            numeric[i] = (plus[i] - minus[i]) / (2 * eps);
        }
        try (Engine e = kind.open(); MetaOptimize opt = builder(base, form, alpha0).optTrace(TraceKind.FULL)
                .build(LAYOUT, e, DType.FLOAT64)) {
            Vec w = Flat.of(e, W0);
            StepContext ctx = StepContext.withGradientFunction(FullTraceNumericalTest::gradientOf);
            for (int t = 0; t < STEPS; t++) {
                opt.step(w, gradientOf(w), ctx);
            }
            double[] trace = opt.traceColumn(0);
            double err = 0;
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                err += (trace[i] - numeric[i]) * (trace[i] - numeric[i]);
                norm += numeric[i] * numeric[i];
            }
            assertTrue(norm > 1e-6, "the test problem must make w_T depend on β, |dw/dβ|² = " + norm);
            assertTrue(Math.sqrt(err / norm) < 1e-6, base + "/" + form + ": trace " + java.util.Arrays.toString(trace)
                    + " vs finite-difference dw_T/dβ " + java.util.Arrays.toString(numeric));
        }
    }

    /**
     * Two blocks ("a" = weights 0–1, "b" = weight 2): column j must be dw_T/dβ_j, including the part
     * of block j's column that the Hessian spreads into the other block's weights (spec §8.13).
     */
    @Test
    void everyBlockHasItsOwnColumnAcrossAllWeights() {
        double alpha0 = 0.5;
        double eps = 1e-5;
        MetaOptimizeBuilder builder = MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optAdamForm(AdamForm.STANDARD)
                .optMeta(MetaAlgorithm.FIXED).optWeightDecay(0.05).optInitialStepSize(alpha0).optDiscount(1.0)
                .optBlocks(dev.driftwise.metaoptimize.blocks.StepSizeBlocks.perTensor()).optTrace(TraceKind.FULL);
        try (MetaOptimize opt = builder.build(ParameterLayout.vectors("a", 2, "b", 1), JVM, DType.FLOAT64)) {
            Vec params = Flat.of(JVM, W0);
            for (int t = 0; t < STEPS; t++) {
                opt.step(params, gradientOf(params), StepContext.withGradientFunction(FullTraceNumericalTest::gradientOf));
            }
            for (int j = 0; j < 2; j++) {
                double[] numeric = new double[3];
                for (int sign = -1; sign <= 1; sign += 2) {
                    ReferenceLoop ref = new ReferenceLoop(builder.config(), W0, new int[] {0, 0, 1}, 2);
                    ref.beta[j] += sign * eps;
                    for (int t = 0; t < STEPS; t++) {
                        ref.step(gradient(ref.w));
                    }
                    for (int i = 0; i < 3; i++) {
                        numeric[i] += sign * ref.w[i] / (2 * eps);
                    }
                }
                double[] trace = opt.traceColumn(j);
                for (int i = 0; i < 3; i++) {
                    assertEquals(numeric[i], trace[i], 1e-6 * Math.max(1e-3, Math.abs(numeric[i])) + 1e-9,
                            "column " + j + ", weight " + i + ": trace " + java.util.Arrays.toString(trace)
                                    + " vs dw_T/dβ_" + j + " " + java.util.Arrays.toString(numeric));
                }
                int other = j == 0 ? 2 : 0;
                assertTrue(Math.abs(numeric[other]) > 1e-4, "β_" + j + " must reach the other block's weight through "
                        + "the Hessian, dw/dβ = " + java.util.Arrays.toString(numeric));
            }
        }
    }

    @Test
    void hessianFreeTraceMissesTheCurvatureTermForSgd() {
        // sanity: the test above can fail; the Hessian-free trace of SGD is not dw/dβ
        Vec w = Flat.of(JVM, W0);
        double eps = 1e-5;
        double[] plus = unroll(BaseAlgorithm.SGD, AdamForm.CODE, 2.0 * Math.exp(eps));
        double[] minus = unroll(BaseAlgorithm.SGD, AdamForm.CODE, 2.0 * Math.exp(-eps));
        try (MetaOptimize opt = builder(BaseAlgorithm.SGD, AdamForm.CODE, 2.0).build(LAYOUT, JVM, DType.FLOAT64)) {
            for (int t = 0; t < STEPS; t++) {
                opt.step(w, gradientOf(w));
            }
            double[] trace = opt.traceColumn(0);
            double numeric0 = (plus[0] - minus[0]) / (2 * eps);
            assertTrue(Math.abs(trace[0] - numeric0) > 1e-3 * Math.abs(numeric0),
                    "Hessian-free trace " + trace[0] + " should differ from dw/dβ " + numeric0);
        }
    }

    /** 2×2 with meta SGD on f = ½(w − 1)² (∇²f = 1): H' = (1 − α)H − Y α g, Y' = Y − η H². */
    @Test
    void twoByTwoCarriesTheMetaSensitivity() {
        double alpha0 = 0.1;
        double eta = 0.1;
        Vec w = Flat.of(JVM, 0.0);
        Vec g1 = Flat.of(JVM, 0.0);
        double rw = 0;
        double rh = 0;
        double ry = 1;
        double rb = Math.log(alpha0);
        try (MetaOptimize opt = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD)
                .optMetaStepSize(eta).optInitialStepSize(alpha0).optDiscount(1.0).optTrace(TraceKind.FULL)
                .optFullTraceApproximation(FullTraceApproximation.TWO_BY_TWO)
                .build(ParameterLayout.vectors("w", 1), JVM, DType.FLOAT64)) {
            StepContext ctx = StepContext.withGradientFunction((ws, out) -> JVM.addScalar(out, ws, -1));
            for (int t = 0; t < 8; t++) {
                double g = rw - 1;
                double alpha = Math.exp(rb);
                double z = rh * g;
                double dw = -alpha * g;
                double nextH = (1 - alpha) * rh + ry * dw;
                double nextY = ry - eta * rh * rh;
                rw += dw;
                rh = nextH;
                ry = nextY;
                rb -= eta * z;
                JVM.addScalar(g1, w, -1);
                opt.step(w, g1, ctx);
                assertEquals(ry, opt.metaSensitivity()[0][0], 1e-8, "Y after step " + (t + 1));
                assertEquals(rh, opt.traceColumn(0)[0], 1e-8, "H after step " + (t + 1));
                assertEquals(rw, Flat.doubles(w)[0], 1e-12, "w after step " + (t + 1));
            }
            assertTrue(ry < 0.99, "Y must have moved away from 1, got " + ry);
        }
    }
}
