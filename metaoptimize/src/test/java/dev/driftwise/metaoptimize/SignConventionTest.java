package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec §8.2: aligned steps must raise α, oscillating steps must lower it. */
class SignConventionTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(BaseAlgorithm.SGD, MetaAlgorithm.LION),
                Arguments.of(BaseAlgorithm.SGD, MetaAlgorithm.ADAM),
                Arguments.of(BaseAlgorithm.ADAM, MetaAlgorithm.LION),
                Arguments.of(BaseAlgorithm.ADAM, MetaAlgorithm.ADAM));
    }

    private double alphaAfter(BaseAlgorithm base, MetaAlgorithm meta, boolean alternating) {
        try (MetaOptimize opt = MetaOptimize.builder().optBase(base).optMeta(meta).optInitialStepSize(1e-3)
                .optMetaStepSize(1e-2).optDiscount(0.9).build(ParameterLayout.vectors("w", 3), JvmEngine.INSTANCE,
                        DType.FLOAT32)) {
            Vec w = Flat.of(JvmEngine.INSTANCE, 0.5f, -0.5f, 1f);
            Vec g = Flat.of(JvmEngine.INSTANCE, 0f, 0f, 0f);
            for (int t = 0; t < 200; t++) {
                float s = alternating && t % 2 == 1 ? -1f : 1f;
                opt.step(w, Flat.set(g, s, 2 * s, -s));
            }
            return opt.stepSizes().get(0).alpha();
        }
    }

    @ParameterizedTest(name = "{0} base, {1} meta")
    @MethodSource("pairs")
    void alignedGradientsRaiseAlphaAndOscillationLowersIt(BaseAlgorithm base, MetaAlgorithm meta) {
        double aligned = alphaAfter(base, meta, false);
        double oscillating = alphaAfter(base, meta, true);
        assertTrue(aligned > 1e-3 * 2, base + "/" + meta + ": constant gradient direction must raise α above 2·α0, got " + aligned);
        assertTrue(oscillating < 1e-3 / 2, base + "/" + meta + ": alternating gradient must lower α below α0/2, got " + oscillating);
    }
}
