package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.testing.Streams;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import dev.driftwise.metaoptimize.baseline.Idbd;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The learner with the project's real optimizers: IDBD on the weight-flipping task, MetaOptimize with per-layer blocks. */
class RealOptimizersTest {

    private static final OptimizerFactory IDBD = OptimizerFactory.of("idbd(theta=0.01,alpha0=0.05)",
            (layout, manager) -> Idbd.builder(layout).optMetaStepSize(0.01).optInitialStepSize(0.05).build()).withDiagonalHessian();

    private static final ModelSpec TANH_MLP = ModelSpec.mlp(6, new int[] {8}, Activation.TANH, Task.MULTICLASS, 3).withSeed(5);

    private static final OptimizerFactory META_PER_LAYER = OptimizerFactory.of("metaoptimize(adam,lion,blocks=layer0|layer1)",
            (layout, manager) -> MetaOptimize.builder().optInitialStepSize(1e-2)
                    .optBlocks(StepSizeBlocks.explicit(TANH_MLP.layerBlocks()))
                    .build(layout, manager));

    @Test
    void idbdTracksTheWeightFlippingTask() {
        // T1 of benchmarks.md (Sutton 1992), shortened: x ~ N(0, I_20), five ±1 weights, one flips every 20 samples.
        ModelSpec spec = ModelSpec.linearRegression(20).withBias(false);
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(IDBD).optDevice(DeviceChoice.CPU).build()) {
            SplittableRandom random = new SplittableRandom(12);
            double[] w = {1, -1, 1, -1, 1};
            float[] x = new float[20];
            double early = 0;
            for (int t = 0; t < 6000; t++) {
                if (t > 0 && t % 20 == 0) {
                    int i = random.nextInt(5);
                    w[i] = -w[i];
                }
                double y = 0;
                for (int j = 0; j < 20; j++) {
                    x[j] = (float) Streams.gaussian(random);
                    y += j < 5 ? w[j] * x[j] : 0;
                }
                learner.learnOne(x, y);
                if (t == 999) {
                    early = learner.metrics().windowLoss();
                }
            }
            double late = learner.metrics().windowLoss();
            // Target variance is 5, so ½E[y²] = 2.5 is what predicting 0 scores; IDBD's known T1 level is
            // an MSE near 1.5 (benchmarks.md), i.e. a loss ½(y − ŷ)² near 0.75.
            assertTrue(late < 0.75 * early && late < 1.0, "IDBD window loss " + late + " (first 1000: " + early
                    + ") should fall toward 0.75 (MSE 1.5), far below 2.5, the loss of predicting 0");
            BlockStepSize block = learner.stepSizes().get(0);
            assertTrue(block.alphaMax() > block.alphaMin(), "IDBD adapts per-weight step sizes: " + block);
        }
    }

    @Test
    void idbdOnAnMlpIsRefusedAtBuild() {
        ModelSpec mlp = ModelSpec.mlp(3, new int[] {4}, Activation.RELU, Task.REGRESSION, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnlineLearner.builder(mlp).optimizer(IDBD).optDevice(DeviceChoice.CPU).build());
        assertTrue(e.getMessage().contains("diagonal Hessian") && e.getMessage().contains("idbd"), e.getMessage());
    }

    @Test
    void metaOptimizeWithPerLayerBlocksContinuesBitIdenticallyAfterRestore() {
        ModelSpec spec = TANH_MLP;
        int n = 30;
        int m = 25;
        byte[] uninterrupted;
        try (OnlineLearner learner = build(spec)) {
            run(learner, new SplittableRandom(8), n + m);
            uninterrupted = learner.snapshot();
            List<String> blocks = learner.stepSizes().stream().map(BlockStepSize::block).toList();
            assertEquals(List.of("layer0", "layer1"), blocks, "step-size blocks named by layer");
            assertTrue(learner.metrics().fadingLoss() < Math.log(3), "learns something: loss below ln 3 (uniform guess): "
                    + learner.metrics());
        }
        SplittableRandom random = new SplittableRandom(8);
        byte[] atN;
        try (OnlineLearner first = build(spec)) {
            run(first, random, n);
            atN = first.snapshot();
        }
        try (OnlineLearner second = build(spec)) {
            second.restore(atN);
            run(second, random, m);
            assertArrayEquals(uninterrupted, second.snapshot(),
                    "parameters, MetaOptimize state (β, traces, moments), metrics after restore + " + m + " steps");
        }
    }

    @Test
    void metaOptimizeFullTraceGetsHessianVectorProductsFromTheLearnersGradientFunction() {
        OptimizerFactory full = OptimizerFactory.of("metaoptimize(sgd,sgd,full-trace)", (layout, manager) ->
                MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optTrace(TraceKind.FULL)
                        .optInitialStepSize(0.05).optMetaStepSize(1e-3).build(layout, manager));
        ModelSpec spec = ModelSpec.mlp(4, new int[] {6}, Activation.TANH, Task.REGRESSION, 0).withSeed(3);
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(full).optDevice(DeviceChoice.CPU).build()) {
            MicroBatch batch = learner.newBatch(4);
            SplittableRandom random = new SplittableRandom(6);
            Streams.fillLinear(batch, 4, random, 0.1);
            learner.learn(batch); // lazily created optimizer state
            int live = learner.liveArrayCount();
            double first = learner.metrics().windowLoss();
            for (int i = 0; i < 150; i++) {
                Streams.fillLinear(batch, 4, random, 0.1);
                learner.learn(batch);
            }
            assertEquals(live, learner.liveArrayCount(), "finite-difference probes through the gradient function leak nothing");
            assertEquals(0, learner.skippedSteps());
            double alpha = learner.stepSizes().get(0).alpha();
            assertTrue(alpha != 0.05 && Double.isFinite(alpha), "the full trace moved the step size from 0.05: " + alpha);
            assertTrue(learner.metrics().fadingLoss() < first, "loss fell from " + first + ": " + learner.metrics());
        }
    }

    private static OnlineLearner build(ModelSpec spec) {
        return OnlineLearner.builder(spec).optimizer(META_PER_LAYER).optDevice(DeviceChoice.CPU).build();
    }

    private static void run(OnlineLearner learner, SplittableRandom random, int batches) {
        MicroBatch batch = learner.newBatch(8);
        for (int i = 0; i < batches; i++) {
            Streams.fillMulticlass(batch, 8, 3, random);
            learner.learn(batch);
        }
    }
}
