package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every base × meta pair (both Adam forms each side) against {@link ReferenceLoop}, on a noisy
 * 3-weight quadratic laid out as two tensors ("a" of 2, "b" of 1), float64, with weight decay, for
 * scalar, per-tensor, explicit and per-weight step sizes.
 */
class BaseAndMetaReferenceTest {

    private static final double[] CURVATURE = {1.0, 0.3, 2.0};
    private static final double[] TARGET = {1.0, -2.0, 0.5};
    private static final int STEPS = 25;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static Stream<Arguments> pairs() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (BaseAlgorithm base : BaseAlgorithm.values()) {
            for (MetaAlgorithm meta : MetaAlgorithm.values()) {
                out.add(Arguments.of(base, AdamForm.CODE, meta, MetaAdamForm.CODE));
            }
        }
        out.add(Arguments.of(BaseAlgorithm.ADAM, AdamForm.STANDARD, MetaAlgorithm.ADAM, MetaAdamForm.PAPER));
        out.add(Arguments.of(BaseAlgorithm.ADAM, AdamForm.STANDARD, MetaAlgorithm.LION, MetaAdamForm.CODE));
        out.add(Arguments.of(BaseAlgorithm.SGD, AdamForm.CODE, MetaAlgorithm.ADAM, MetaAdamForm.PAPER));
        return out.build();
    }

    static Stream<Arguments> granularities() {
        return Stream.of(
                Arguments.of(StepSizeBlocks.scalar(), new int[] {0, 0, 0}, 1),
                Arguments.of(StepSizeBlocks.perTensor(), new int[] {0, 0, 1}, 2),
                Arguments.of(StepSizeBlocks.explicit(Map.of("everything", List.of("*"))), new int[] {0, 0, 0}, 1),
                Arguments.of(StepSizeBlocks.perWeight(), new int[] {0, 1, 2}, 3));
    }

    private MetaOptimizeBuilder builder(BaseAlgorithm base, AdamForm form, MetaAlgorithm meta, MetaAdamForm metaForm) {
        return MetaOptimize.builder().optBase(base).optAdamForm(form).optMeta(meta).optMetaAdamForm(metaForm)
                .optWeightDecay(0.05).optInitialStepSize(0.05).optMetaStepSize(meta == MetaAlgorithm.SGD ? 0.5 : 0.01)
                .optDiscount(0.9);
    }

    @ParameterizedTest(name = "{0}/{1} with meta {2}/{3}")
    @MethodSource("pairs")
    void scalarStepSizesMatchTheReference(BaseAlgorithm base, AdamForm form, MetaAlgorithm meta, MetaAdamForm metaForm) {
        compare(builder(base, form, meta, metaForm), new int[] {0, 0, 0}, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("granularities")
    void everyGranularityMatchesTheReference(StepSizeBlocks blocks, int[] blockOf, int count) {
        compare(builder(BaseAlgorithm.ADAM, AdamForm.CODE, MetaAlgorithm.ADAM, MetaAdamForm.CODE).optBlocks(blocks),
                blockOf, count);
        compare(builder(BaseAlgorithm.SGD, AdamForm.CODE, MetaAlgorithm.SGD, MetaAdamForm.CODE).optBlocks(blocks),
                blockOf, count);
    }

    private void compare(MetaOptimizeBuilder builder, int[] blockOf, int blockCount) {
        NDArray a = manager.create(new double[] {0.2, 0.1});
        a.setName("a");
        NDArray b = manager.create(new double[] {-0.3});
        b.setName("b");
        NDList params = new NDList(a, b);
        MetaOptimizeConfig cfg = builder.config();
        ReferenceLoop ref = new ReferenceLoop(cfg, new double[] {0.2, 0.1, -0.3}, blockOf, blockCount);
        Random noise = new Random(7);
        try (MetaOptimize opt = builder.build(ParameterLayout.of(params), manager)) {
            for (int s = 0; s < STEPS; s++) {
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) {
                    g[i] = CURVATURE[i] * (ref.w[i] - TARGET[i]) + 0.3 * noise.nextGaussian();
                }
                NDList grads = new NDList(manager.create(new double[] {g[0], g[1]}), manager.create(new double[] {g[2]}));
                opt.step(params, grads);
                ref.step(g);
                grads.close();
                double[] w = {a.getDouble(0), a.getDouble(1), b.getDouble(0)};
                for (int i = 0; i < 3; i++) {
                    assertEquals(ref.w[i], w[i], 1e-12 * Math.max(1, Math.abs(ref.w[i])),
                            cfg.name() + " " + cfg.blocks() + ": w[" + i + "] after step " + (s + 1));
                }
            }
            List<BlockStepSize> sizes = opt.stepSizes();
            for (int blk = 0; blk < blockCount; blk++) {
                double beta = blockCount == 3 ? sizes.get(blk == 2 ? 1 : 0).alphaMin() : sizes.get(blk).beta();
                if (blockCount != 3) {
                    assertEquals(ref.beta[blk], beta, 1e-12, cfg.name() + ": β of block " + blk);
                }
            }
            if (blockCount == 3) {
                // per-weight: tensor "b" holds one weight, so its min α is exactly exp(β_2)
                assertEquals(Math.exp(ref.beta[2]), sizes.get(1).alphaMin(), 1e-12, cfg.name() + ": α of weight 2");
            }
        }
    }

    @Test
    void fixedMetaIsExactlyThePlainBaseOptimizer() {
        for (BaseAlgorithm base : BaseAlgorithm.values()) {
            MetaOptimizeBuilder builder = builder(base, AdamForm.CODE, MetaAlgorithm.FIXED, MetaAdamForm.CODE);
            MetaOptimizeConfig cfg = builder.config();
            // the reference with a fixed meta never reads its trace: a plain base optimizer
            ReferenceLoop plain = new ReferenceLoop(cfg, new double[] {0.2, 0.1, -0.3}, new int[] {0, 0, 0}, 1);
            NDArray a = manager.create(new double[] {0.2, 0.1});
            a.setName("a");
            NDArray b = manager.create(new double[] {-0.3});
            b.setName("b");
            NDList params = new NDList(a, b);
            try (MetaOptimize opt = builder.build(ParameterLayout.of(params), manager)) {
                for (int s = 0; s < STEPS; s++) {
                    double[] g = new double[3];
                    for (int i = 0; i < 3; i++) {
                        g[i] = CURVATURE[i] * (plain.w[i] - TARGET[i]);
                    }
                    opt.step(params, new NDList(manager.create(new double[] {g[0], g[1]}), manager.create(new double[] {g[2]})));
                    plain.step(g);
                }
                assertEquals(Math.log(0.05), opt.stepSizes().get(0).beta(), 0, base + ": β must not move");
                double[] w = {a.getDouble(0), a.getDouble(1), b.getDouble(0)};
                for (int i = 0; i < 3; i++) {
                    assertEquals(plain.w[i], w[i], 1e-13, base + ": w[" + i + "]");
                }
                assertTrue(Math.abs(w[0] - 0.2) > 1e-3, base + " must have moved the weights, w0 = " + w[0]);
            }
        }
    }
}
