package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cheap per-step read of z agrees with the full step-size report, for every granularity. */
class LastMetaGradientsTest {

    static Stream<StepSizeBlocks> granularities() {
        return Stream.of(StepSizeBlocks.scalar(), StepSizeBlocks.perTensor(), StepSizeBlocks.perWeight(),
                StepSizeBlocks.explicit(Map.of("all", List.of("w", "b"))));
    }

    @ParameterizedTest
    @MethodSource("granularities")
    void lastMetaGradientsEqualTheReportedOnes(StepSizeBlocks blocks) {
        Engine e = JvmEngine.INSTANCE;
        try (MetaOptimize opt = MetaOptimize.builder().optBlocks(blocks).optInitialStepSize(1e-2)
                .optDiscount(0.9).build(ParameterLayout.vectors("w", 3, "b", 1), e, DType.FLOAT32)) {
            Vec params = Flat.of(e, 0.5f, -0.5f, 1f, 0.1f);
            for (int t = 0; t < 5; t++) {
                float s = t % 2 == 0 ? 1f : 0.5f;
                opt.step(params, Flat.of(e, s, -2 * s, s, s));
            }
            double[] reported = opt.stepSizes().stream().mapToDouble(BlockStepSize::metaGradient).toArray();
            double[] cheap = opt.lastMetaGradients();
            assertArrayEquals(reported, cheap, 1e-12, "lastMetaGradients() must equal stepSizes()' metaGradient per block");
            assertNotEquals(0.0, cheap[0], "after 5 steps the trace is non-zero, so z must be too");
        }
    }
}
