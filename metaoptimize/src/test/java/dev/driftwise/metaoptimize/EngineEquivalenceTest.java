package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equations are written once; the two engines must run them to the same weights: every base ×
 * meta × granularity × trace and every baseline, 1,000 float32 steps on a noisy least-squares problem
 * over two tensors, JVM engine vs libtorch, relative difference ≤ 1e-5 of the weights' scale.
 *
 * <p>Sign-based updates (Lion base or meta) turn a last-bit difference in a near-zero argument into a
 * whole step of the other sign (spec §3.4): there the float32 comparison is replaced by the same run
 * in float64 (both engines then agree to 1e-9); see docs/benchmarks.md "Engines".
 */
class EngineEquivalenceTest {

    private static final ParameterLayout LAYOUT = ParameterLayout.of(List.of(
            new ParameterLayout.Entry("layer0.weight", new int[] {3, 4}), new ParameterLayout.Entry("layer0.bias", new int[] {4})));
    private static final int N = LAYOUT.totalSize();
    private static final int STEPS = 1000;

    static Stream<String> matrix() {
        List<String> specs = new ArrayList<>();
        for (String base : List.of("sgd", "sgdm", "rmsprop", "adam", "lion")) {
            for (String meta : List.of("fixed", "sgd", "rmsprop", "adam", "lion")) {
                for (String blocks : List.of("scalar", "per-tensor", "per-weight")) {
                    specs.add("metaoptimize(base=" + base + ",meta=" + meta + ",blocks=" + blocks + ",alpha0=0.01,eta="
                            + (meta.equals("sgd") ? "0.1" : "0.003") + ",gamma=0.99,kappa=0.01" + ")");
                }
            }
        }
        for (String trace : List.of("diagonal-hessian", "full")) {
            specs.add("metaoptimize(base=sgd,meta=sgd,blocks=scalar,trace=" + trace + ",alpha0=0.01,eta=0.1,gamma=0.99)");
            specs.add("metaoptimize(base=adam,meta=adam,blocks=per-tensor,trace=" + trace + ",alpha0=0.01,gamma=0.99)");
        }
        specs.add("metaoptimize(base=sgd,meta=sgd,blocks=per-weight,trace=diagonal-hessian,alpha0=0.01,eta=0.1)");
        for (String blocks : List.of("per-tensor", "per-weight")) { // the one-layer regression default's growing η and cap
            specs.add("metaoptimize(base=sgd,meta=lion,blocks=" + blocks + ",trace=diagonal-hessian,gamma=0.9,alpha0=1,eta-max=0.1,"
                    + "stability-cap=true,alpha-min=1e-6)");
        }
        specs.addAll(List.of("idbd(theta=0.02)", "autostep", "sgd-hd(beta=1e-4,alpha0=0.01)", "adam-hd(beta=1e-4,alpha0=0.01)",
                "sgd-hd(rule=mult,beta=0.01,alpha0=0.01)", "default", "adam(lr=0.01)", "paper-adamw-lion(alpha0=1e-3)"));
        return specs.stream();
    }

    /** A fixed least-squares problem: samples (x, y) with y = x·w* + noise, w* over both tensors. */
    private static final class Problem {
        final Random random;
        final float[] x = new float[N];

        Problem(long seed) {
            random = new Random(seed);
        }

        /** Next sample's inputs; returns the target. */
        double next() {
            double y = 0.1 * random.nextGaussian();
            for (int i = 0; i < N; i++) {
                x[i] = (float) random.nextGaussian();
                y += (i % 3 == 0 ? 0 : Math.sin(i)) * x[i];
            }
            return y;
        }
    }

    private static float[] run(OptimizerConfig config, EngineKind kind, DType dtype) {
        try (Engine e = kind.open(); OnlineOptimizer opt = config.build(LAYOUT, e, dtype)) {
            Vec w = e.zeros(N, dtype);
            Vec x = e.zeros(N, dtype);
            Vec g = e.zeros(N, dtype);
            Vec diag = e.zeros(N, dtype);
            Problem p = new Problem(5);
            StepContext context = new StepContext(diag, (weights, out) -> {
                double r = e.dot(weights, x) - lastTarget[0];
                e.scale(out, r, x);
            });
            for (int t = 0; t < STEPS; t++) {
                double y = p.next();
                Flat.set(x, p.x);
                lastTarget[0] = y;
                double residual = e.dot(w, x) - y;
                e.scale(g, residual, x);
                e.mul(diag, 1, x, x);
                opt.step(w, g, context);
            }
            return Flat.floats(w);
        }
    }

    private static final double[] lastTarget = new double[1];

    @ParameterizedTest
    @MethodSource("matrix")
    void jvmAndLibtorchReachTheSameWeights(String spec) {
        OptimizerConfig config = OptimizerSpec.parse(spec).resolve(new ModelFacts("linear", "regression", N, true));
        boolean signBased = config.settings().containsValue("lion");
        DType dtype = signBased ? DType.FLOAT64 : DType.FLOAT32;
        double tolerance = signBased ? 1e-9 : 1e-5;
        float[] jvm = run(config, EngineKind.JVM, dtype);
        float[] torch = run(config, EngineKind.TORCH, dtype);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < N; i++) {
            scale = Math.max(scale, Math.abs(jvm[i]));
        }
        for (int i = 0; i < N; i++) {
            worst = Math.max(worst, Math.abs(jvm[i] - torch[i]) / Math.max(scale, 1e-30));
        }
        assertTrue(scale > 1e-3, spec + ": the run must move the weights, max |w| = " + scale);
        assertTrue(worst <= tolerance, spec + " (" + dtype + "): largest difference " + worst + " of max |w| = " + scale
                + " after " + STEPS + " steps; jvm " + java.util.Arrays.toString(jvm) + " torch " + java.util.Arrays.toString(torch));
    }
}
