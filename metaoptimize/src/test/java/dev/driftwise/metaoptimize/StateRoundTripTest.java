package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stop, save, restore into a fresh instance, continue: bit-identical to never stopping (float32, each engine). */
class StateRoundTripTest {

    static final ParameterLayout LAYOUT = ParameterLayout.of(List.of(
            new ParameterLayout.Entry("layer.weight", new int[] {2, 2}), new ParameterLayout.Entry("layer.bias", new int[] {2})));
    private static final float[] START = {0.1f, -0.2f, 0.3f, 0.05f, 0f, 0.1f};

    static Stream<MetaOptimizeBuilder> builders() {
        return Stream.of(
                MetaOptimize.builder(),
                MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.LION)
                        .optBlocks(StepSizeBlocks.perTensor()).optMetaStepSize(1e-2),
                MetaOptimize.builder().optBase(BaseAlgorithm.SGDM).optMeta(MetaAlgorithm.ADAM)
                        .optBlocks(StepSizeBlocks.perWeight()).optInitialStepSize(1e-2).optStepSizeBounds(1e-1, Double.NaN),
                MetaOptimize.builder().optBase(BaseAlgorithm.RMSPROP).optMeta(MetaAlgorithm.RMSPROP).optDiscount(0.9),
                MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optMetaStepSize(0.1)
                        .optInitialStepSize(0.01).optTrace(TraceKind.FULL)
                        .optFullTraceApproximation(FullTraceApproximation.TWO_BY_TWO),
                MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.LION).optEtaMax(0.1)
                        .optBlocks(StepSizeBlocks.perWeight()).optInitialStepSize(0.5).optRestartRatio(1.5));
    }

    static Stream<Arguments> configurations() {
        return Stream.of(EngineKind.values()).flatMap(e -> builders().map(b -> Arguments.of(e, b)));
    }

    /** Gradient of ½|W x − y|² for a fixed sample per step (same for every run), computed on the host. */
    static void gradient(Vec params, int step, Vec into) {
        Random r = new Random(step);
        double[] x = {r.nextGaussian(), r.nextGaussian()};
        double[] y = {r.nextGaussian(), 1};
        float[] p = Flat.floats(params);
        float[] g = new float[6];
        for (int i = 0; i < 2; i++) {
            float residual = (float) (p[2 * i] * x[0] + p[2 * i + 1] * x[1] + p[4 + i] - y[i]);
            g[2 * i] = (float) (residual * x[0]);
            g[2 * i + 1] = (float) (residual * x[1]);
            g[4 + i] = residual;
        }
        Flat.set(into, g);
    }

    static StepContext context(OnlineOptimizer opt, int step) {
        return opt.config().needsGradientFunction()
                ? StepContext.withGradientFunction((ws, out) -> gradient(ws, step, out)) : StepContext.none();
    }

    static void run(OnlineOptimizer opt, Vec params, int from, int to) {
        Vec g = opt.engine().zeros(params.length(), DType.FLOAT32);
        for (int s = from; s < to; s++) {
            gradient(params, s, g);
            opt.step(params, g, context(opt, s));
        }
        g.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("configurations")
    void stopRestoreContinueIsBitIdentical(EngineKind kind, MetaOptimizeBuilder builder) {
        try (Engine e = kind.open(); MetaOptimize uninterrupted = builder.build(LAYOUT, e, DType.FLOAT32);
                MetaOptimize before = builder.build(LAYOUT, e, DType.FLOAT32);
                MetaOptimize after = builder.build(LAYOUT, e, DType.FLOAT32)) {
            Vec straight = Flat.of(e, START);
            run(uninterrupted, straight, 0, 40);

            Vec first = Flat.of(e, START);
            run(before, first, 0, 20);
            byte[] state = before.saveState();
            Vec resumed = Flat.of(e, Flat.floats(first));
            after.restoreState(state);
            assertEquals(20, after.stepCount());
            run(after, resumed, 20, 40);
            assertArrayEquals(Flat.floats(straight), Flat.floats(resumed), 0f, "weights");
            assertEquals(uninterrupted.stepSizes(), after.stepSizes(), "step sizes, meta-gradients and traces");
            assertArrayEquals(uninterrupted.saveState(), after.saveState(), "whole state");
        }
    }

    @Test
    void restoreRefusesAnotherConfigurationOrLayoutAndChangesNothing() {
        Engine e = EngineKind.JVM.open();
        Vec params = Flat.of(e, START);
        byte[] state;
        try (MetaOptimize opt = MetaOptimize.builder().build(LAYOUT, e, DType.FLOAT32)) {
            run(opt, params, 0, 1);
            state = opt.saveState();
        }
        try (MetaOptimize other = MetaOptimize.builder().optMetaStepSize(0.01).build(LAYOUT, e, DType.FLOAT32)) {
            byte[] untouched = other.saveState();
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> other.restoreState(state));
            assertTrue(ex.getMessage().contains("eta=0.01"), ex.getMessage());
            assertArrayEquals(untouched, other.saveState(), "a refused restore changes nothing");
        }
        try (MetaOptimize other = MetaOptimize.builder().build(ParameterLayout.vectors("w", 1), e, DType.FLOAT32)) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> other.restoreState(state));
            assertTrue(ex.getMessage().contains("layout"), ex.getMessage());
        }
    }
}
