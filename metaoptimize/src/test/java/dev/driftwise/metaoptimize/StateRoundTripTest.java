package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stop, save, restore into a fresh instance, continue: bit-identical to never stopping (CPU, float32). */
class StateRoundTripTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static Stream<MetaOptimizeBuilder> configurations() {
        return Stream.of(
                MetaOptimize.builder(),
                MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.LION)
                        .optBlocks(StepSizeBlocks.perTensor()).optMetaStepSize(1e-2),
                MetaOptimize.builder().optBase(BaseAlgorithm.SGDM).optMeta(MetaAlgorithm.ADAM)
                        .optBlocks(StepSizeBlocks.perWeight()).optInitialStepSize(1e-2),
                MetaOptimize.builder().optBase(BaseAlgorithm.RMSPROP).optMeta(MetaAlgorithm.RMSPROP).optDiscount(0.9),
                MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optMetaStepSize(0.1)
                        .optInitialStepSize(0.01).optTrace(TraceKind.FULL)
                        .optFullTraceApproximation(FullTraceApproximation.TWO_BY_TWO));
    }

    private NDList parameters(float[] a, float[] b) {
        NDArray pa = manager.create(a, new ai.djl.ndarray.types.Shape(2, 2));
        pa.setName("layer.weight");
        NDArray pb = manager.create(b);
        pb.setName("layer.bias");
        return new NDList(pa, pb);
    }

    /** Gradient of ½|W x − y|² for a fixed sample per step (same for both runs). */
    private static NDList gradient(NDList params, int step) {
        Random r = new Random(step);
        NDManager m = params.get(0).getManager();
        NDArray x = m.create(new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()});
        NDArray y = m.create(new float[] {(float) r.nextGaussian(), 1f});
        NDArray residual = params.get(0).matMul(x).add(params.get(1)).sub(y);
        return new NDList(residual.reshape(2, 1).matMul(x.reshape(1, 2)), residual);
    }

    private static StepContext context(MetaOptimize opt, int step) {
        return opt.config().trace() == TraceKind.FULL ? StepContext.withGradientFunction(ws -> gradient(ws, step))
                : StepContext.none();
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void stopRestoreContinueIsBitIdentical(MetaOptimizeBuilder builder) {
        NDList straight = parameters(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, new float[] {0f, 0.1f});
        MetaOptimize uninterrupted = builder.build(ParameterLayout.of(straight), manager);
        for (int s = 0; s < 40; s++) {
            uninterrupted.step(straight, gradient(straight, s), context(uninterrupted, s));
        }

        NDList first = parameters(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, new float[] {0f, 0.1f});
        MetaOptimize before = builder.build(ParameterLayout.of(first), manager);
        for (int s = 0; s < 20; s++) {
            before.step(first, gradient(first, s), context(before, s));
        }
        byte[] state = before.saveState();
        float[] a = first.get(0).toFloatArray();
        float[] b = first.get(1).toFloatArray();
        before.close();

        NDList resumed = parameters(a, b);
        MetaOptimize after = builder.build(ParameterLayout.of(resumed), manager);
        after.restoreState(state);
        assertEquals(20, after.stepCount());
        for (int s = 20; s < 40; s++) {
            after.step(resumed, gradient(resumed, s), context(after, s));
        }
        assertArrayEquals(straight.get(0).toFloatArray(), resumed.get(0).toFloatArray(), 0f, "weights");
        assertArrayEquals(straight.get(1).toFloatArray(), resumed.get(1).toFloatArray(), 0f, "bias");
        assertEquals(uninterrupted.stepSizes(), after.stepSizes(), "step sizes, meta-gradients and traces");
        assertArrayEquals(uninterrupted.saveState(), after.saveState(), "whole state");
        uninterrupted.close();
        after.close();
    }

    @Test
    void restoreRefusesAnotherConfigurationOrLayout() {
        NDList params = parameters(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, new float[] {0f, 0.1f});
        byte[] state;
        try (MetaOptimize opt = MetaOptimize.builder().build(ParameterLayout.of(params), manager)) {
            opt.step(params, gradient(params, 0));
            state = opt.saveState();
        }
        try (MetaOptimize other = MetaOptimize.builder().optMetaStepSize(0.01).build(ParameterLayout.of(params), manager)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restoreState(state));
            assertTrue(e.getMessage().contains("metaStepSize=0.01"), e.getMessage());
        }
        NDArray single = manager.create(new float[] {1f});
        single.setName("w");
        try (MetaOptimize other = MetaOptimize.builder().build(ParameterLayout.of(new NDList(single)), manager)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restoreState(state));
            assertTrue(e.getMessage().contains("layout"), e.getMessage());
        }
    }

    @Test
    void specNamesEveryHyperParameter() {
        NDList params = parameters(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, new float[] {0f, 0.1f});
        try (MetaOptimize opt = MetaOptimize.builder().optWeightDecay(0.1).build(ParameterLayout.of(params), manager)) {
            OptimizerSpec spec = opt.spec();
            assertEquals("metaoptimize(adamw,lion,scalar,hessian-free)", spec.name());
            assertEquals(List.of("base", "adamForm", "momentum", "secondMoment", "weightDecay", "meta", "metaStepSize",
                    "metaMomentum", "metaLionInterpolation", "initialStepSize", "discount", "blocks", "trace", "stepSizeMap",
                    "alphaTiming", "alphaMin", "alphaMax", "skipNonFinite"), List.copyOf(spec.hyperParameters().keySet()));
            assertEquals("CODE", spec.hyperParameters().get("adamForm"));
        }
    }
}
