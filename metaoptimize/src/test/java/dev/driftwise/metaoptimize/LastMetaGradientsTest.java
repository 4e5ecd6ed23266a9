package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cheap per-step read of z agrees with the full step-size report, for every granularity. */
class LastMetaGradientsTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static Stream<StepSizeBlocks> granularities() {
        return Stream.of(StepSizeBlocks.scalar(), StepSizeBlocks.perTensor(), StepSizeBlocks.perWeight(),
                StepSizeBlocks.explicit(Map.of("all", List.of("w", "b"))));
    }

    @ParameterizedTest
    @MethodSource("granularities")
    void lastMetaGradientsEqualTheReportedOnes(StepSizeBlocks blocks) {
        NDArray w = manager.create(new float[] {0.5f, -0.5f, 1f});
        w.setName("w");
        NDArray b = manager.create(new float[] {0.1f});
        b.setName("b");
        NDList params = new NDList(w, b);
        try (MetaOptimize opt = MetaOptimize.builder().optBlocks(blocks).optInitialStepSize(1e-2)
                .optDiscount(0.9).build(ParameterLayout.of(params), manager)) {
            for (int t = 0; t < 5; t++) {
                float s = t % 2 == 0 ? 1f : 0.5f;
                opt.step(params, new NDList(manager.create(new float[] {s, -2 * s, s}), manager.create(new float[] {s})));
            }
            double[] reported = opt.stepSizes().stream().mapToDouble(BlockStepSize::metaGradient).toArray();
            double[] cheap = opt.lastMetaGradients();
            assertArrayEquals(reported, cheap, 1e-12, "lastMetaGradients() must equal stepSizes()' metaGradient per block");
            assertNotEquals(0.0, cheap[0], "after 5 steps the trace is non-zero, so z must be too");
        }
    }
}
