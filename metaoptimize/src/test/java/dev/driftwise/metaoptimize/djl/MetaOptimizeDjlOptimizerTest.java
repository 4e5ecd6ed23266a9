package dev.driftwise.metaoptimize.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A DJL Trainer trains a Linear block with MetaOptimize(AdamW, Lion) per tensor; the loss must fall. */
class MetaOptimizeDjlOptimizerTest {

    @Test
    void trainerLossFallsWithMetaOptimize() {
        Block block = Linear.builder().setUnits(1).build();
        MetaOptimizeDjlOptimizer optimizer = MetaOptimizeDjlOptimizer.builder().forBlock(block)
                .optSettings(MetaOptimize.builder().optInitialStepSize(1e-3).optMetaStepSize(1e-2).optWeightDecay(1e-3)
                        .optBlocks(StepSizeBlocks.perTensor()))
                .build();
        Random random = new Random(42);
        try (Model model = Model.newInstance("linear")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, 3));
                NDManager manager = trainer.getManager();
                double first = 0;
                double last = 0;
                for (int step = 0; step < 300; step++) {
                    float[] x = new float[32 * 3];
                    float[] y = new float[32];
                    for (int i = 0; i < 32; i++) {
                        for (int j = 0; j < 3; j++) {
                            x[i * 3 + j] = (float) random.nextGaussian();
                        }
                        y[i] = 2f * x[i * 3] - 3f * x[i * 3 + 1] + 0.5f * x[i * 3 + 2] + 1f
                                + 0.1f * (float) random.nextGaussian();
                    }
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray features = batch.create(x, new Shape(32, 3));
                        NDArray labels = batch.create(y, new Shape(32, 1));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray prediction = trainer.forward(new NDList(features)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(prediction));
                            collector.backward(loss);
                            double value = loss.getFloat();
                            if (step < 10) {
                                first += value / 10;
                            }
                            if (step >= 290) {
                                last += value / 10;
                            }
                        }
                        trainer.step();
                    }
                }
                MetaOptimize engine = optimizer.engine();
                assertEquals(300, engine.stepCount(), "one MetaOptimize step per trainer.step()");
                assertEquals(2, engine.layout().count(), "weight and bias");
                BlockStepSize weightBlock = engine.stepSizes().get(0);
                String seen = String.format("loss %.4f over the first 10 steps, %.4f over the last 10; step sizes %s",
                        first, last, engine.stepSizes());
                System.out.println("DJL Trainer + MetaOptimize: " + seen);
                assertTrue(last < first / 20, "the loss must fall by 20x: " + seen);
                assertTrue(weightBlock.alpha() > 1e-3, "α must have grown from its small start: " + seen);
            }
        }
    }
}
