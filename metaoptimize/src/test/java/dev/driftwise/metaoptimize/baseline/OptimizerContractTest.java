package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every optimizer promises through {@link OnlineOptimizer}, checked on the baselines (presets of
 * the engine and the two classes) and on MetaOptimize configurations, on both engines.
 */
class OptimizerContractTest {

    private static final ParameterLayout LAYOUT = LinearSquaredLoss.twoTensors();
    private static final int N = LAYOUT.totalSize();

    static Stream<String> specs() {
        return Stream.of("idbd(theta=0.02)", "autostep(mu=0.05,tau=100)", "sgd-hd(beta=1e-4,alpha0=0.01)",
                "adam-hd(beta=1e-4,alpha0=0.01)", "sgd-hd(rule=mult,beta=0.01,alpha0=0.01)",
                "metaoptimize(base=adam,meta=lion,blocks=per-tensor,eta=0.01,skip-non-finite=true)",
                "metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9,alpha0=0.01)", "adam(lr=0.01)");
    }

    static Stream<Arguments> everywhere() {
        return specs().flatMap(s -> Stream.of(EngineKind.values()).map(e -> Arguments.of(s, e)));
    }

    private static OptimizerConfig config(String spec) {
        return OptimizerSpec.parse(spec).resolve(ModelFacts.NONE);
    }

    /** Steps parameters through an {@link LmsStream}; one step's inputs may be poisoned. */
    private static final class Learner implements AutoCloseable {
        final LinearSquaredLoss loss;
        final Vec params;
        final LmsStream stream;
        final double[] x = new double[N];

        Learner(Engine engine, DType dtype, long seed) {
            loss = new LinearSquaredLoss(engine, N, dtype);
            params = engine.zeros(N, dtype);
            stream = new LmsStream(seed, N);
        }

        void run(OnlineOptimizer opt, int steps) {
            for (int t = 0; t < steps; t++) {
                StepReport r = stepOnce(opt, null);
                assertTrue(r.applied(), "finite step skipped: " + r.skipReason());
            }
        }

        /** One sample; a {@code poison} (or null) replaces one gradient element. */
        StepReport stepOnce(OnlineOptimizer opt, Double poison) {
            double y = stream.next(x);
            double prediction = loss.load(params, x);
            Vec g = loss.gradient(prediction, y);
            if (poison != null) {
                double[] values = Flat.doubles(g);
                values[5] = poison;
                Flat.set(g, values);
            }
            return opt.step(params, g, loss.diagonalHessian());
        }

        void skip(int samples) {
            for (int t = 0; t < samples; t++) {
                stream.next(x);
            }
        }

        double[] weights() {
            return Flat.doubles(params);
        }

        void copyFrom(Learner other) {
            Flat.set(params, other.weights());
        }

        @Override
        public void close() {
            loss.close();
            params.close();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everywhere")
    void saveThenRestoreContinuesBitIdentically(String spec, EngineKind kind) {
        OptimizerConfig c = config(spec);
        try (Engine e = kind.open();
                OnlineOptimizer original = c.build(LAYOUT, e, DType.FLOAT64);
                OnlineOptimizer fresh = c.build(LAYOUT, e, DType.FLOAT64);
                OnlineOptimizer used = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT64, 31);
                Learner b = new Learner(e, DType.FLOAT64, 31);
                Learner other = new Learner(e, DType.FLOAT64, 99);
                Learner cc = new Learner(e, DType.FLOAT64, 31)) {
            a.run(original, 120);
            byte[] state = original.saveState();
            b.skip(120);
            b.copyFrom(a);
            fresh.restoreState(state);
            assertEquals(120, fresh.stepCount());
            assertEquals(original.stepSizes(), fresh.stepSizes(), spec + ": step sizes right after restore");
            other.run(used, 7); // an instance that has stepped: its state is replaced
            cc.skip(120);
            cc.copyFrom(a);
            used.restoreState(state);
            a.run(original, 150);
            b.run(fresh, 150);
            cc.run(used, 150);
            assertArrayEquals(a.weights(), b.weights(), 0, spec + ": after restore into a fresh instance and 150 steps");
            assertArrayEquals(a.weights(), cc.weights(), 0, spec + ": after restore into a used instance and 150 steps");
            assertArrayEquals(original.saveState(), fresh.saveState(), spec + ": saved state");
            assertArrayEquals(original.saveState(), used.saveState(), spec + ": saved state (used instance)");
        }
    }

    /** A snapshot written on one engine continues on the other (same numbers up to the engines' rounding). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stateMovesBetweenEngines(String spec) {
        OptimizerConfig c = config(spec);
        try (Engine jvm = EngineKind.JVM.open(); Engine torch = EngineKind.TORCH.open();
                OnlineOptimizer onJvm = c.build(LAYOUT, jvm, DType.FLOAT64);
                OnlineOptimizer onTorch = c.build(LAYOUT, torch, DType.FLOAT64);
                OnlineOptimizer straight = c.build(LAYOUT, jvm, DType.FLOAT64);
                Learner a = new Learner(jvm, DType.FLOAT64, 13);
                Learner moved = new Learner(torch, DType.FLOAT64, 13);
                Learner reference = new Learner(jvm, DType.FLOAT64, 13)) {
            a.run(onJvm, 100);
            moved.skip(100);
            moved.copyFrom(a);
            onTorch.restoreState(onJvm.saveState());
            assertArrayEquals(onJvm.saveState(), onTorch.saveState(), spec + ": state is engine-neutral");
            moved.run(onTorch, 100);
            reference.run(straight, 200);
            AgainstReference.assertClose(reference.weights(), moved.weights(), 1e-9,
                    spec + ": 100 steps on the JVM engine, then 100 on libtorch, vs 200 on the JVM engine");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everywhere")
    void nonFiniteGradientSkipsTheStepAndChangesNothing(String spec, EngineKind kind) {
        OptimizerConfig c = config(spec);
        assumeTrue(c.settings().getOrDefault("skip-non-finite", "true").equals("true")
                || c instanceof AutostepConfig || c instanceof MultiplicativeHypergradientConfig,
                "only configurations with the non-finite safeguard promise to skip");
        try (Engine e = kind.open();
                OnlineOptimizer poisoned = c.build(LAYOUT, e, DType.FLOAT64);
                OnlineOptimizer clean = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT64, 41);
                Learner b = new Learner(e, DType.FLOAT64, 41)) {
            StepReport first = a.stepOnce(poisoned, Double.POSITIVE_INFINITY);
            b.skip(1);
            assertFalse(first.applied(), spec + ": a +∞ gradient must not be applied");
            a.run(poisoned, 60);
            b.run(clean, 60);
            StepReport later = a.stepOnce(poisoned, Double.NaN);
            b.skip(1);
            assertFalse(later.applied(), spec + ": a NaN gradient must not be applied");
            assertEquals(2, poisoned.skippedSteps());
            assertEquals(60, poisoned.stepCount());
            a.run(poisoned, 60);
            b.run(clean, 60);
            assertArrayEquals(b.weights(), a.weights(), 0, spec + ": two skipped samples vs never seeing them");
            assertEquals(clean.stepSizes(), poisoned.stepSizes(), spec + ": step sizes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void missingDiagonalHessianFailsSayingHowToSupplyIt(String spec) {
        OptimizerConfig c = config(spec);
        assumeTrue(c.needsDiagonalHessian(), "only IDBD-style methods read the diagonal Hessian");
        try (Engine e = EngineKind.JVM.open(); OnlineOptimizer opt = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT64, 55)) {
            double prediction = a.loss.load(a.params, new double[] {1, 2, 3, 4, 5, 6, 7});
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> opt.step(a.params, a.loss.gradient(prediction, 1)));
            assertTrue(ex.getMessage().contains("diagonal") && ex.getMessage().contains("Hessian"),
                    spec + ": message was " + ex.getMessage());
            assertEquals(0, opt.stepCount());
            assertEquals(0.0, a.weights()[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stepsFromANewThreadWhereLibtorchGradModeIsOn(String spec) throws InterruptedException {
        OptimizerConfig c = config(spec);
        try (Engine e = EngineKind.TORCH.open(); OnlineOptimizer opt = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT64, 61)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    JniUtils.setGradMode(true); // what a fresh libtorch thread has
                    a.run(opt, 30);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            worker.start();
            worker.join();
            if (failure.get() != null) {
                throw new AssertionError(spec + ": stepping from a new thread failed", failure.get());
            }
            assertEquals(30, opt.stepCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void restoreRefusesStateOfAnotherLayoutAndATruncatedOne(String spec) {
        OptimizerConfig c = config(spec);
        ParameterLayout other = ParameterLayout.of(java.util.List.of(LAYOUT.get(0)));
        try (Engine e = EngineKind.JVM.open();
                OnlineOptimizer opt = c.build(LAYOUT, e, DType.FLOAT64);
                OnlineOptimizer smaller = c.build(other, e, DType.FLOAT64);
                OnlineOptimizer fresh = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT64, 57);
                Learner b = new Learner(e, DType.FLOAT64, 57)) {
            a.run(opt, 10);
            byte[] state = opt.saveState();
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> smaller.restoreState(state));
            assertTrue(ex.getMessage().contains("was written for configuration"), spec + ": message was " + ex.getMessage());
            assertEquals(0, smaller.stepCount());
            byte[] truncated = java.util.Arrays.copyOf(state, state.length - 9);
            ex = assertThrows(IllegalArgumentException.class, () -> fresh.restoreState(truncated));
            assertTrue(ex.getMessage().contains("truncated"), spec + ": message was " + ex.getMessage());
            b.run(fresh, 10); // a failed restore leaves the instance as it was: it starts from scratch
            assertArrayEquals(a.weights(), b.weights(), 0, spec + ": run after a refused restore");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everywhere")
    void float32ParametersFollowTheFloat64Run(String spec, EngineKind kind) {
        OptimizerConfig c = config(spec);
        try (Engine e = kind.open();
                OnlineOptimizer single = c.build(LAYOUT, e, DType.FLOAT32);
                OnlineOptimizer dbl = c.build(LAYOUT, e, DType.FLOAT64);
                Learner a = new Learner(e, DType.FLOAT32, 71);
                Learner b = new Learner(e, DType.FLOAT64, 71)) {
            a.run(single, 200);
            b.run(dbl, 200);
            AgainstReference.assertClose(b.weights(), a.weights(), 1e-3, spec + ": float32 vs float64 weights after 200 steps");
        }
    }
}
