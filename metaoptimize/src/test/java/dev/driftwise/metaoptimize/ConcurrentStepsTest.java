package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two optimizers stepping in two fresh threads at once (libtorch grad mode is ON in new threads,
 * parameters require grad) give exactly what stepping them one after the other gives.
 */
class ConcurrentStepsTest {

    private static float[][] run(long seed, boolean requireGrad) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(seed);
            float[] w0 = new float[16 * 8];
            for (int i = 0; i < w0.length; i++) {
                w0[i] = 0.1f * (float) r.nextGaussian();
            }
            NDArray w = manager.create(w0, new Shape(16, 8));
            w.setName("w");
            NDArray b = manager.zeros(new Shape(16));
            b.setName("b");
            if (requireGrad) {
                w.setRequiresGradient(true);
                b.setRequiresGradient(true);
            }
            NDList params = new NDList(w, b);
            try (MetaOptimize opt = MetaOptimize.builder().optBlocks(StepSizeBlocks.perTensor()).optMetaStepSize(1e-2)
                    .optWeightDecay(0.01).build(ParameterLayout.of(params), manager)) {
                for (int t = 0; t < 200; t++) {
                    float[] gw = new float[16 * 8];
                    float[] gb = new float[16];
                    for (int i = 0; i < gw.length; i++) {
                        gw[i] = (float) r.nextGaussian();
                    }
                    for (int i = 0; i < gb.length; i++) {
                        gb[i] = (float) r.nextGaussian() + 0.5f;
                    }
                    try (NDManager step = manager.newSubManager()) {
                        opt.step(params, new NDList(step.create(gw, new Shape(16, 8)), step.create(gb)));
                    }
                }
                return new float[][] {w.toFloatArray(), b.toFloatArray(),
                    {(float) opt.stepSizes().get(0).beta(), (float) opt.stepSizes().get(1).beta()}};
            }
        }
    }

    @Test
    void concurrentEqualsSequential() throws Exception {
        float[][] first = run(1, false);
        float[][] second = run(2, false);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<float[][]> a = () -> run(1, true);
            Callable<float[][]> b = () -> run(2, true);
            Future<float[][]> fa = pool.submit(a);
            Future<float[][]> fb = pool.submit(b);
            float[][] ca = fa.get();
            float[][] cb = fb.get();
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(first[k], ca[k], 0f, "optimizer 1, array " + k);
                assertArrayEquals(second[k], cb[k], 0f, "optimizer 2, array " + k);
            }
            assertEquals(false, java.util.Arrays.equals(first[0], second[0]), "the two runs must differ");
        } finally {
            pool.shutdownNow();
        }
    }
}
