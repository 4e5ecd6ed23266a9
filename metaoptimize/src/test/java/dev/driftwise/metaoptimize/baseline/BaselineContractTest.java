package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every baseline promises through {@link OnlineOptimizer}, checked on each of them. */
class BaselineContractTest {

    private static final ParameterLayout LAYOUT = LinearSquaredLoss.twoTensors();
    private static final int N = (int) LAYOUT.totalSize();

    static Stream<Arguments> baselines() {
        return Stream.of(
                Arguments.of("idbd", true, (Function<ParameterLayout, OnlineOptimizer>)
                        l -> Idbd.builder(l).optMetaStepSize(0.02).build()),
                Arguments.of("autostep", true, (Function<ParameterLayout, OnlineOptimizer>)
                        l -> Autostep.builder(l).optMetaStepSize(0.05).optTimeScale(100).build()),
                Arguments.of("sgd-hd", false, (Function<ParameterLayout, OnlineOptimizer>)
                        l -> HypergradientSgd.builder(l).optInitialStepSize(0.01).optHypergradientStepSize(1e-4).build()),
                Arguments.of("adam-hd", false, (Function<ParameterLayout, OnlineOptimizer>)
                        l -> HypergradientAdam.builder(l).optInitialStepSize(0.01).optHypergradientStepSize(1e-4).build()));
    }

    /** Steps a learner through an {@link LmsStream}; {@code corrupt} may poison one step's inputs. */
    private static final class Learner {
        final LinearSquaredLoss loss;
        final NDList params;
        final LmsStream stream;
        final double[] x = new double[N];

        Learner(NDManager manager, DataType dtype, long seed) {
            loss = new LinearSquaredLoss(LAYOUT, manager, dtype);
            params = loss.zeroParameters();
            stream = new LmsStream(seed, N);
        }

        void run(OnlineOptimizer opt, int steps) {
            for (int t = 0; t < steps; t++) {
                StepReport r = stepOnce(opt, null, null);
                assertTrue(r.applied(), "finite step skipped: " + r.skipReason());
            }
        }

        StepReport stepOnce(OnlineOptimizer opt, Double gradientPoison, Double hessianPoison) {
            double y = stream.next(x);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDList xs = loss.inputs(x);
                NDList g = LinearSquaredLoss.gradient(xs, LinearSquaredLoss.predict(params, xs), y);
                StepContext ctx = LinearSquaredLoss.diagonalHessian(xs);
                if (gradientPoison != null) {
                    g.get(1).set(new NDIndex(1), gradientPoison);
                }
                if (hessianPoison != null) {
                    ctx.diagonalHessian().get(0).set(new NDIndex(0, 1), hessianPoison);
                }
                return opt.step(params, g, ctx);
            }
        }

        /** Draws and drops samples, to line this learner's stream up with another's. */
        void skip(int samples) {
            for (int t = 0; t < samples; t++) {
                stream.next(x);
            }
        }

        /** Raw bytes of every parameter, for bit-for-bit comparison. */
        byte[][] raw() {
            byte[][] out = new byte[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                ByteBuffer b = params.get(i).toByteBuffer();
                out[i] = new byte[b.remaining()];
                b.get(out[i]);
            }
            return out;
        }

        void copyFrom(Learner other) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).set(other.params.get(i).toByteBuffer());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void saveThenRestoreContinuesBitIdentically(String name, boolean needsHessian, Function<ParameterLayout, OnlineOptimizer> factory) {
        try (NDManager manager = NDManager.newBaseManager();
                OnlineOptimizer original = factory.apply(LAYOUT);
                OnlineOptimizer fresh = factory.apply(LAYOUT);
                OnlineOptimizer used = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 31);
            a.run(original, 120);
            byte[] state = original.saveState();

            // a fresh instance: state restored before it has seen any parameters
            Learner b = new Learner(manager, DataType.FLOAT64, 31);
            b.skip(120);
            b.copyFrom(a);
            fresh.restoreState(state);
            assertEquals(120, fresh.stepCount());
            assertEquals(original.stepSizes(), fresh.stepSizes(), name + ": step sizes right after restore");

            // an instance that has stepped on other parameters: its state is replaced
            Learner c = new Learner(manager, DataType.FLOAT64, 99);
            c.run(used, 7);
            Learner cc = new Learner(manager, DataType.FLOAT64, 31);
            cc.skip(120);
            cc.copyFrom(a);
            used.restoreState(state);

            a.run(original, 150);
            b.run(fresh, 150);
            cc.run(used, 150);
            assertArrayEquals(a.raw(), b.raw(), name + ": parameters after restore into a fresh instance and 150 steps");
            assertArrayEquals(a.raw(), cc.raw(), name + ": parameters after restore into a used instance and 150 steps");
            assertEquals(original.stepSizes(), fresh.stepSizes(), name + ": step sizes");
            assertArrayEquals(original.saveState(), fresh.saveState(), name + ": saved state");
            assertArrayEquals(original.saveState(), used.saveState(), name + ": saved state (used instance)");
            assertEquals(270, fresh.stepCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void gradientBuffersReusedByTheCallerGiveTheSameRun(String name, boolean needsHessian,
            Function<ParameterLayout, OnlineOptimizer> factory) {
        // PyTorch callers hand over the same .grad tensors every step, overwritten in place
        try (NDManager manager = NDManager.newBaseManager();
                OnlineOptimizer reusing = factory.apply(LAYOUT);
                OnlineOptimizer fresh = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 81);
            Learner b = new Learner(manager, DataType.FLOAT64, 81);
            NDList gradients = a.loss.zeroParameters();
            NDList squares = a.loss.zeroParameters();
            StepContext context = StepContext.withDiagonalHessian(squares);
            for (int t = 0; t < 100; t++) {
                double y = a.stream.next(a.x);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDList xs = a.loss.inputs(a.x);
                    double error = LinearSquaredLoss.predict(a.params, xs) - y;
                    for (int i = 0; i < xs.size(); i++) {
                        gradients.get(i).set(xs.get(i).mul(error).toByteBuffer());
                        squares.get(i).set(xs.get(i).square().toByteBuffer());
                    }
                }
                assertTrue(reusing.step(a.params, gradients, context).applied());
            }
            b.run(fresh, 100);
            assertArrayEquals(b.raw(), a.raw(), name + ": reused gradient buffers vs fresh ones");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void nonFiniteGradientSkipsTheStepAndChangesNothing(String name, boolean needsHessian,
            Function<ParameterLayout, OnlineOptimizer> factory) {
        try (NDManager manager = NDManager.newBaseManager();
                OnlineOptimizer poisoned = factory.apply(LAYOUT);
                OnlineOptimizer clean = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 41);
            Learner b = new Learner(manager, DataType.FLOAT64, 41);
            // +∞ on the very first step (traces still zero), NaN later; the clean run never sees those samples
            StepReport first = a.stepOnce(poisoned, Double.POSITIVE_INFINITY, null);
            b.skip(1);
            assertFalse(first.applied(), name + ": a +∞ gradient must not be applied");
            assertTrue(first.skipReason().contains("non-finite gradient of 'extra'"), name + ": reason was " + first.skipReason());
            a.run(poisoned, 60);
            b.run(clean, 60);
            StepReport later = a.stepOnce(poisoned, Double.NaN, null);
            b.skip(1);
            assertFalse(later.applied(), name + ": a NaN gradient must not be applied");
            assertEquals(60, later.step());
            assertEquals(2, poisoned.skippedSteps());
            assertEquals(60, poisoned.stepCount());
            a.run(poisoned, 60);
            b.run(clean, 60);
            assertArrayEquals(b.raw(), a.raw(), name + ": parameters with two skipped samples vs never seeing them");
            assertEquals(clean.stepSizes(), poisoned.stepSizes(), name + ": step sizes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void nonFiniteDiagonalHessianSkipsTheStep(String name, boolean needsHessian, Function<ParameterLayout, OnlineOptimizer> factory) {
        assumeTrue(needsHessian, "only IDBD-style methods read the diagonal Hessian");
        try (NDManager manager = NDManager.newBaseManager(); OnlineOptimizer opt = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 51);
            a.run(opt, 20);
            byte[][] before = a.raw();
            StepReport r = a.stepOnce(opt, null, Double.POSITIVE_INFINITY);
            assertFalse(r.applied(), name + ": x² = +∞ must not be applied");
            assertTrue(r.skipReason().contains("non-finite diagonal Hessian of 'weight'"), name + ": reason was " + r.skipReason());
            assertArrayEquals(before, a.raw(), name + ": parameters must be unchanged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void missingDiagonalHessianFailsSayingHowToSupplyIt(String name, boolean needsHessian,
            Function<ParameterLayout, OnlineOptimizer> factory) {
        assumeTrue(needsHessian, "only IDBD-style methods read the diagonal Hessian");
        try (NDManager manager = NDManager.newBaseManager(); OnlineOptimizer opt = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 55);
            NDList xs = a.loss.inputs(new double[] {1, 2, 3, 4, 5, 6, 7});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> opt.step(a.params, LinearSquaredLoss.gradient(xs, 0, 1)));
            assertTrue(e.getMessage().startsWith(name + " needs the diagonal of the Hessian")
                    && e.getMessage().contains("StepContext.withDiagonalHessian"), name + ": message was " + e.getMessage());
            assertEquals(0, opt.stepCount());
            assertEquals(0.0, LinearSquaredLoss.flat(a.params)[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void stepsFromANewThreadOnParametersThatRequireGrad(String name, boolean needsHessian,
            Function<ParameterLayout, OnlineOptimizer> factory) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager(); OnlineOptimizer opt = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 61);
            for (NDArray p : a.params) {
                p.setRequiresGradient(true);
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> gradModeAfter = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    JniUtils.setGradMode(true); // what a fresh libtorch thread has
                    a.run(opt, 30);
                    gradModeAfter.set(JniUtils.isGradMode());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            worker.start();
            worker.join();
            if (failure.get() != null) {
                throw new AssertionError(name + ": stepping from a new thread failed", failure.get());
            }
            assertEquals(Boolean.TRUE, gradModeAfter.get(), name + ": the caller's grad mode must be restored");
            assertEquals(30, opt.stepCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void restoreRefusesStateOfAnotherConfiguration(String name, boolean needsHessian,
            Function<ParameterLayout, OnlineOptimizer> factory) {
        ParameterLayout other = ParameterLayout.of(java.util.List.of(LAYOUT.get(0)));
        try (NDManager manager = NDManager.newBaseManager();
                OnlineOptimizer opt = factory.apply(LAYOUT);
                OnlineOptimizer smaller = factory.apply(other);
                OnlineOptimizer fresh = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT64, 57);
            a.run(opt, 10);
            byte[] state = opt.saveState();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> smaller.restoreState(state));
            assertTrue(e.getMessage().contains("was written for configuration"), name + ": message was " + e.getMessage());
            assertEquals(0, smaller.stepCount());

            byte[] truncated = java.util.Arrays.copyOf(state, state.length - 9);
            e = assertThrows(IllegalArgumentException.class, () -> fresh.restoreState(truncated));
            assertTrue(e.getMessage().contains("truncated"), name + ": message was " + e.getMessage());
            Learner b = new Learner(manager, DataType.FLOAT64, 57);
            b.run(fresh, 10); // a failed restore leaves the instance as it was: it starts from scratch
            assertArrayEquals(a.raw(), b.raw(), name + ": run after a refused restore");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void float32ParametersFollowTheFloat64Run(String name, boolean needsHessian, Function<ParameterLayout, OnlineOptimizer> factory) {
        try (NDManager manager = NDManager.newBaseManager();
                OnlineOptimizer single = factory.apply(LAYOUT);
                OnlineOptimizer dbl = factory.apply(LAYOUT)) {
            Learner a = new Learner(manager, DataType.FLOAT32, 71);
            Learner b = new Learner(manager, DataType.FLOAT64, 71);
            a.run(single, 200);
            b.run(dbl, 200);
            assertEquals(DataType.FLOAT32, a.params.get(0).getDataType(), name + ": parameters keep their dtype");
            AgainstReference.assertClose(LinearSquaredLoss.flat(b.params), LinearSquaredLoss.flat(a.params), 1e-3,
                    name + ": float32 vs float64 weights after 200 steps");
        }
    }
}
