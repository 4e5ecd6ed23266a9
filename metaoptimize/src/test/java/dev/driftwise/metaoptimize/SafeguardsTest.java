package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.testing.Flat;
import org.junit.jupiter.api.Test;

/** The optional safeguards (spec §8.9 deviations): β clamp, non-finite skip, trace reset. */
class SafeguardsTest {

    private static final Engine E = JvmEngine.INSTANCE;
    private static final ParameterLayout LAYOUT = ParameterLayout.vectors("w", 3);

    private static Vec weights() {
        return Flat.of(E, 0.5f, -0.5f, 1f);
    }

    private static Vec g(float a, float b, float c) {
        return Flat.of(E, a, b, c);
    }

    @Test
    void clampKeepsEveryAlphaInsideTheBounds() {
        Vec w = weights();
        try (MetaOptimize opt = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.LION)
                .optMetaStepSize(0.1).optInitialStepSize(1e-3).optStepSizeBounds(1e-4, 4e-3)
                .optBlocks(StepSizeBlocks.perWeight()).build(LAYOUT, E, DType.FLOAT32)) {
            for (int t = 0; t < 100; t++) {
                opt.step(w, g(1f, 1f, 1f));
            }
            BlockStepSize s = opt.stepSizes().get(0);
            assertEquals(4e-3, s.alphaMax(), 1e-15, "α must stop at α_max");
            assertEquals(4e-3, s.alphaMin(), 1e-15, "every weight saw aligned steps, so every α sits at α_max");
        }
        Vec w2 = weights();
        try (MetaOptimize opt = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.LION)
                .optMetaStepSize(0.1).optInitialStepSize(1e-3).optStepSizeBounds(1e-4, 4e-3)
                .build(LAYOUT, E, DType.FLOAT32)) {
            for (int t = 0; t < 100; t++) {
                float s = t % 2 == 0 ? 1f : -1f;
                opt.step(w2, g(s, s, s));
            }
            assertEquals(1e-4, opt.stepSizes().get(0).alpha(), 1e-17, "oscillation must stop at α_min");
        }
    }

    @Test
    void aFloorAboveAlpha0EngagesOnceAlphaHasReachedIt() {
        for (StepSizeBlocks blocks : new StepSizeBlocks[] {StepSizeBlocks.scalar(), StepSizeBlocks.perWeight()}) {
            Vec w = weights();
            try (MetaOptimize opt = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.LION)
                    .optMetaStepSize(0.1).optInitialStepSize(1e-5).optStepSizeBounds(1e-4, Double.NaN)
                    .optBlocks(blocks).build(LAYOUT, E, DType.FLOAT32)) {
                for (int t = 0; t < 40; t++) { // oscillating gradients: the meta-gradient says "smaller"
                    float s = t % 2 == 0 ? 1f : -1f;
                    opt.step(w, g(s, s, s));
                }
                BlockStepSize under = opt.stepSizes().get(0);
                assertEquals(1e-5, under.alphaMin(), 1e-18, blocks + ": under the floor α may not fall below α0");
                assertEquals(1e-5, under.alphaMax(), 1e-18, blocks + ": nor rise while the meta-gradient says smaller");
                for (int t = 0; t < 60; t++) { // aligned gradients: "bigger", α climbs through the floor
                    opt.step(w, g(1f, 1f, 1f));
                }
                assertTrue(opt.stepSizes().get(0).alphaMin() > 1e-4, blocks + ": α climbed past the floor: " + opt.stepSizes());
                for (int t = 0; t < 1000; t++) {
                    float s = t % 2 == 0 ? 1f : -1f;
                    opt.step(w, g(s, s, s));
                }
                BlockStepSize engaged = opt.stepSizes().get(0);
                assertEquals(1e-4, engaged.alphaMin(), 1e-17, blocks + ": once reached, the floor holds");
                assertEquals(1e-4, engaged.alphaMax(), 1e-17, blocks + ": every α came down to it");
            }
        }
    }

    @Test
    void nonFiniteGradientSkipsTheWholeStep() {
        Vec w = weights();
        Vec twin = weights();
        MetaOptimizeBuilder b = MetaOptimize.builder().optBase(BaseAlgorithm.SGDM).optMeta(MetaAlgorithm.ADAM)
                .optInitialStepSize(1e-2).optSkipNonFinite(true);
        try (MetaOptimize opt = b.build(LAYOUT, E, DType.FLOAT32);
                MetaOptimize clean = b.build(LAYOUT, E, DType.FLOAT32)) {
            for (int t = 0; t < 30; t++) {
                float s = (float) Math.sin(t);
                if (t == 10) {
                    StepReport r = opt.step(w, g(s, Float.NaN, s));
                    assertFalse(r.applied());
                    assertEquals("non-finite gradient", r.skipReason());
                }
                opt.step(w, g(s, 2 * s, -s));
                clean.step(twin, g(s, 2 * s, -s));
            }
            assertEquals(1, opt.skippedSteps(), "the NaN step");
            assertEquals(clean.stepCount(), opt.stepCount(), "skipped steps are not counted as steps");
            assertArrayEquals(Flat.floats(twin), Flat.floats(w), 0f, "as if the NaN step never came");
        }
    }

    @Test
    void skippedStepLeavesEveryStateBitIdentical() {
        Vec w = weights();
        Vec twin = weights();
        MetaOptimizeBuilder b = MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optMeta(MetaAlgorithm.LION)
                .optMetaStepSize(1e-2).optSkipNonFinite(true);
        try (MetaOptimize opt = b.build(LAYOUT, E, DType.FLOAT32);
                MetaOptimize clean = b.build(LAYOUT, E, DType.FLOAT32)) {
            for (int t = 0; t < 20; t++) {
                float s = (float) Math.cos(t);
                if (t == 7) {
                    StepReport r = opt.step(w, g(Float.POSITIVE_INFINITY, s, s));
                    assertEquals("non-finite gradient", r.skipReason());
                }
                opt.step(w, g(s, 2 * s, -s));
                clean.step(twin, g(s, 2 * s, -s));
            }
            assertArrayEquals(Flat.floats(twin), Flat.floats(w), 0f);
            assertEquals(clean.stepSizes(), opt.stepSizes());
        }
    }

    @Test
    void nonFiniteUpdateIsRolledBack() {
        Vec w = weights();
        try (MetaOptimize opt = MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD)
                .optInitialStepSize(10).optSkipNonFinite(true).build(LAYOUT, E, DType.FLOAT32)) {
            opt.step(w, g(1f, 1f, 1f));
            float[] before = Flat.floats(w);
            byte[] state = opt.saveState();
            StepReport r = opt.step(w, g(1f, Float.MAX_VALUE, 1f));
            assertFalse(r.applied());
            assertEquals("non-finite update", r.skipReason());
            assertArrayEquals(before, Flat.floats(w), 0f, "weights restored");
            byte[] after = opt.saveState();
            // the skip counter differs; everything else must be identical
            assertEquals(state.length, after.length);
            assertEquals(1, opt.skippedSteps());
        }
    }

    @Test
    void resetTraceZeroesTheTrace() {
        Vec w = weights();
        try (MetaOptimize opt = MetaOptimize.builder().build(LAYOUT, E, DType.FLOAT32)) {
            opt.step(w, g(1f, 1f, 1f));
            assertTrue(opt.stepSizes().get(0).traceNorm() > 0);
            opt.resetTrace();
            assertEquals(0, opt.stepSizes().get(0).traceNorm(), 0);
        }
    }
}
