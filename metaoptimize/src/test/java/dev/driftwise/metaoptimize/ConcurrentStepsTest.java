package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two optimizers stepping in two fresh threads at once (libtorch grad mode is ON in new threads) give
 * exactly what stepping them one after the other gives, on either engine.
 */
class ConcurrentStepsTest {

    private static final ParameterLayout LAYOUT = ParameterLayout.of(List.of(
            new ParameterLayout.Entry("w", new int[] {16, 8}), new ParameterLayout.Entry("b", new int[] {16})));

    private static float[][] run(EngineKind kind, long seed) {
        try (Engine e = kind.open(); MetaOptimize opt = MetaOptimize.builder().optBlocks(StepSizeBlocks.perTensor())
                .optMetaStepSize(1e-2).optWeightDecay(0.01).build(LAYOUT, e, DType.FLOAT32)) {
            Random r = new Random(seed);
            float[] w0 = new float[16 * 8 + 16];
            for (int i = 0; i < 16 * 8; i++) {
                w0[i] = 0.1f * (float) r.nextGaussian();
            }
            Vec params = Flat.of(e, w0);
            Vec grads = e.zeros(w0.length, DType.FLOAT32);
            float[] g = new float[w0.length];
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) r.nextGaussian() + (i >= 16 * 8 ? 0.5f : 0f);
                }
                opt.step(params, Flat.set(grads, g));
            }
            return new float[][] {Flat.floats(params),
                {(float) opt.stepSizes().get(0).beta(), (float) opt.stepSizes().get(1).beta()}};
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void concurrentEqualsSequential(EngineKind kind) throws Exception {
        float[][] first = run(kind, 1);
        float[][] second = run(kind, 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[][]> fa = pool.submit(() -> run(kind, 1));
            Future<float[][]> fb = pool.submit(() -> run(kind, 2));
            float[][] ca = fa.get();
            float[][] cb = fb.get();
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(first[k], ca[k], 0f, "optimizer 1, array " + k);
                assertArrayEquals(second[k], cb[k], 0f, "optimizer 2, array " + k);
            }
            assertFalse(java.util.Arrays.equals(first[0], second[0]), "the two runs must differ");
        } finally {
            pool.shutdownNow();
        }
    }
}
