package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Build-time validation: bad settings and bad block partitions fail with messages a user can act on. */
class ConfigurationErrorsTest {

    private static final ParameterLayout MLP = ParameterLayout.of(List.of(
            new ParameterLayout.Entry("hidden.weight", new int[] {8, 4}),
            new ParameterLayout.Entry("hidden.bias", new int[] {8}),
            new ParameterLayout.Entry("out.weight", new int[] {1, 8}),
            new ParameterLayout.Entry("out.bias", new int[] {1})));

    private static IllegalArgumentException fails(MetaOptimizeBuilder builder) {
        return assertThrows(IllegalArgumentException.class, builder::config);
    }

    private static Map<String, List<String>> blocks(Object... nameThenPatterns) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPatterns.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> patterns = (List<String>) nameThenPatterns[i + 1];
            m.put((String) nameThenPatterns[i], patterns);
        }
        return m;
    }

    @Test
    void settingsOutOfRangeNameTheSettingTheValueAndTheRange() {
        IllegalArgumentException e = fails(MetaOptimize.builder().optDiscount(1.5));
        assertEquals("discount (γ) = 1.5 is out of range: must be [0, 1]", e.getMessage());
        assertTrue(fails(MetaOptimize.builder().optInitialStepSize(0)).getMessage().startsWith("initialStepSize (α0) = 0.0"));
        assertTrue(fails(MetaOptimize.builder().optMetaStepSize(-1)).getMessage().startsWith("metaStepSize (η) = -1.0"));
        assertTrue(fails(MetaOptimize.builder().optMomentum(1.0)).getMessage().contains("[0, 1)"));
        assertTrue(fails(MetaOptimize.builder().optWeightDecay(Double.NaN)).getMessage().startsWith("weightDecay (κ) = NaN"));
        assertTrue(fails(MetaOptimize.builder().optStepSizeBounds(1e-2, 1e-3)).getMessage().contains("must be below max"));
        assertTrue(fails(MetaOptimize.builder().optRestartRatio(1)).getMessage()
                .startsWith("restart-ratio (gradient-energy jump that restarts α) = 1.0"));
        assertTrue(fails(MetaOptimize.builder().optRestartRatio(100).optRestartAlpha(-1)).getMessage()
                .startsWith("restart-alpha (the α a restart raises step sizes to) = -1.0"));
        assertTrue(fails(MetaOptimize.builder().optStepSizeBounds(0, 1e-2)).getMessage().contains("stepSizeBounds min (α_min) = 0.0"));
    }

    @Test
    void fullTraceCombinationsThatAreNotDerivedAreRejected() {
        assertTrue(fails(MetaOptimize.builder().optTrace(TraceKind.FULL).optBase(BaseAlgorithm.RMSPROP))
                .getMessage().contains("not RMSPROP"));
        assertTrue(fails(MetaOptimize.builder().optTrace(TraceKind.FULL).optBlocks(StepSizeBlocks.perWeight()))
                .getMessage().contains("per-weight"));
        assertTrue(fails(MetaOptimize.builder().optTrace(TraceKind.FULL).optMeta(MetaAlgorithm.ADAM)
                .optFullTraceApproximation(FullTraceApproximation.TWO_BY_TWO)).getMessage().contains("use L"));
    }

    @Test
    void blocksByNameGlobAndRegexPartitionTheLayout() {
        BlockAssignment a = StepSizeBlocks.explicit(blocks("body", List.of("hidden.*"), "head", List.of("regex:out\\..*")))
                .resolve(MLP);
        assertEquals(List.of("body", "head"), a.names());
        assertEquals(List.of(0, 0, 1, 1), java.util.Arrays.stream(a.blockOf()).boxed().toList());
        BlockAssignment exact = StepSizeBlocks.explicit(blocks("w", List.of("hidden.weight", "out.weight"),
                "b", List.of("??????.bias", "out.bias"))).resolve(MLP);
        assertEquals(List.of(0, 1, 0, 1), java.util.Arrays.stream(exact.blockOf()).boxed().toList());
    }

    @Test
    void aTensorInNoBlockIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepSizeBlocks
                .explicit(blocks("body", List.of("hidden.*"), "head", List.of("out.weight"))).resolve(MLP));
        assertEquals("blocks: tensor 'out.bias' is in no block (blocks [body, head]); add it to one of them", e.getMessage());
    }

    @Test
    void aTensorInTwoBlocksIsNamedWithBothBlocks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepSizeBlocks
                .explicit(blocks("weights", List.of("*.weight"), "hidden", List.of("hidden.*"), "rest", List.of("out.bias")))
                .resolve(MLP));
        assertTrue(e.getMessage().startsWith("blocks: tensor 'hidden.weight' is in two blocks, 'weights' and 'hidden'"),
                e.getMessage());
    }

    @Test
    void theEngineResolvesBlocksAtBuildTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetaOptimize.builder()
                .optBlocks(StepSizeBlocks.explicit(blocks("only", List.of("hidden.weight"))))
                .build(MLP, JvmEngine.INSTANCE, DType.FLOAT32));
        assertTrue(e.getMessage().contains("'hidden.bias' is in no block"), e.getMessage());
    }
}
