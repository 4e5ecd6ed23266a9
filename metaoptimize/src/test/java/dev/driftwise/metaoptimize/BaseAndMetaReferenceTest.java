package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every base × meta pair (both Adam forms each side) against {@link ReferenceLoop}, on a noisy
 * 3-weight quadratic laid out as two tensors ("a" of 2, "b" of 1), float64, with weight decay, for
 * scalar, per-tensor, explicit and per-weight step sizes; on both engines.
 */
class BaseAndMetaReferenceTest {

    private static final double[] CURVATURE = {1.0, 0.3, 2.0};
    private static final double[] TARGET = {1.0, -2.0, 0.5};
    private static final int STEPS = 25;

    private static final ParameterLayout LAYOUT = ParameterLayout.vectors("a", 2, "b", 1);

    static Stream<Arguments> pairs() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (EngineKind engine : EngineKind.values()) {
            for (BaseAlgorithm base : BaseAlgorithm.values()) {
                for (MetaAlgorithm meta : MetaAlgorithm.values()) {
                    out.add(Arguments.of(engine, base, AdamForm.CODE, meta, MetaAdamForm.CODE));
                }
            }
            out.add(Arguments.of(engine, BaseAlgorithm.ADAM, AdamForm.STANDARD, MetaAlgorithm.ADAM, MetaAdamForm.PAPER));
            out.add(Arguments.of(engine, BaseAlgorithm.ADAM, AdamForm.STANDARD, MetaAlgorithm.LION, MetaAdamForm.CODE));
            out.add(Arguments.of(engine, BaseAlgorithm.SGD, AdamForm.CODE, MetaAlgorithm.ADAM, MetaAdamForm.PAPER));
        }
        return out.build();
    }

    static Stream<Arguments> granularities() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (EngineKind engine : EngineKind.values()) {
            out.add(Arguments.of(engine, StepSizeBlocks.scalar(), new int[] {0, 0, 0}, 1));
            out.add(Arguments.of(engine, StepSizeBlocks.perTensor(), new int[] {0, 0, 1}, 2));
            out.add(Arguments.of(engine, StepSizeBlocks.perLayer(), new int[] {0, 0, 1}, 2));
            out.add(Arguments.of(engine, StepSizeBlocks.explicit(Map.of("everything", List.of("*"))), new int[] {0, 0, 0}, 1));
            out.add(Arguments.of(engine, StepSizeBlocks.perWeight(), new int[] {0, 1, 2}, 3));
        }
        return out.build();
    }

    private MetaOptimizeBuilder builder(BaseAlgorithm base, AdamForm form, MetaAlgorithm meta, MetaAdamForm metaForm) {
        return MetaOptimize.builder().optBase(base).optAdamForm(form).optMeta(meta).optMetaAdamForm(metaForm)
                .optWeightDecay(0.05).optInitialStepSize(0.05).optMetaStepSize(meta == MetaAlgorithm.SGD ? 0.5 : 0.01)
                .optDiscount(0.9);
    }

    @ParameterizedTest(name = "{0}: {1}/{2} with meta {3}/{4}")
    @MethodSource("pairs")
    void scalarStepSizesMatchTheReference(EngineKind engine, BaseAlgorithm base, AdamForm form, MetaAlgorithm meta,
            MetaAdamForm metaForm) {
        compare(engine, builder(base, form, meta, metaForm), new int[] {0, 0, 0}, 1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("granularities")
    void everyGranularityMatchesTheReference(EngineKind engine, StepSizeBlocks blocks, int[] blockOf, int count) {
        compare(engine, builder(BaseAlgorithm.ADAM, AdamForm.CODE, MetaAlgorithm.ADAM, MetaAdamForm.CODE).optBlocks(blocks),
                blockOf, count);
        compare(engine, builder(BaseAlgorithm.SGD, AdamForm.CODE, MetaAlgorithm.SGD, MetaAdamForm.CODE).optBlocks(blocks),
                blockOf, count);
    }

    private void compare(EngineKind kind, MetaOptimizeBuilder builder, int[] blockOf, int blockCount) {
        MetaOptimizeConfig cfg = builder.config();
        ReferenceLoop ref = new ReferenceLoop(cfg, new double[] {0.2, 0.1, -0.3}, blockOf, blockCount);
        Random noise = new Random(7);
        try (Engine e = kind.open(); MetaOptimize opt = builder.build(LAYOUT, e, DType.FLOAT64)) {
            Vec params = Flat.of(e, 0.2, 0.1, -0.3);
            Vec grads = Flat.of(e, 0.0, 0.0, 0.0);
            for (int s = 0; s < STEPS; s++) {
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) {
                    g[i] = CURVATURE[i] * (ref.w[i] - TARGET[i]) + 0.3 * noise.nextGaussian();
                }
                opt.step(params, Flat.set(grads, g));
                ref.step(g);
                double[] w = Flat.doubles(params);
                for (int i = 0; i < 3; i++) {
                    assertEquals(ref.w[i], w[i], 1e-12 * Math.max(1, Math.abs(ref.w[i])),
                            kind + " " + cfg.label() + ": w[" + i + "] after step " + (s + 1));
                }
            }
            List<BlockStepSize> sizes = opt.stepSizes();
            for (int blk = 0; blk < blockCount; blk++) {
                double beta = blockCount == 3 ? sizes.get(blk == 2 ? 1 : 0).alphaMin() : sizes.get(blk).beta();
                if (blockCount != 3) {
                    assertEquals(ref.beta[blk], beta, 1e-12, kind + " " + cfg.label() + ": β of block " + blk);
                }
            }
            if (blockCount == 3) {
                // per-weight: tensor "b" holds one weight, so its min α is exactly exp(β_2)
                assertEquals(Math.exp(ref.beta[2]), sizes.get(1).alphaMin(), 1e-12, kind + " " + cfg.label() + ": α of weight 2");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void fixedMetaIsExactlyThePlainBaseOptimizer(EngineKind kind) {
        for (BaseAlgorithm base : BaseAlgorithm.values()) {
            MetaOptimizeBuilder builder = builder(base, AdamForm.CODE, MetaAlgorithm.FIXED, MetaAdamForm.CODE);
            MetaOptimizeConfig cfg = builder.config();
            // the reference with a fixed meta never reads its trace: a plain base optimizer
            ReferenceLoop plain = new ReferenceLoop(cfg, new double[] {0.2, 0.1, -0.3}, new int[] {0, 0, 0}, 1);
            try (Engine e = kind.open(); MetaOptimize opt = builder.build(LAYOUT, e, DType.FLOAT64)) {
                Vec params = Flat.of(e, 0.2, 0.1, -0.3);
                Vec grads = Flat.of(e, 0.0, 0.0, 0.0);
                for (int s = 0; s < STEPS; s++) {
                    double[] g = new double[3];
                    for (int i = 0; i < 3; i++) {
                        g[i] = CURVATURE[i] * (plain.w[i] - TARGET[i]);
                    }
                    opt.step(params, Flat.set(grads, g));
                    plain.step(g);
                }
                assertEquals(Math.log(0.05), opt.stepSizes().get(0).beta(), 0, base + ": β must not move");
                double[] w = Flat.doubles(params);
                for (int i = 0; i < 3; i++) {
                    assertEquals(plain.w[i], w[i], 1e-13, base + ": w[" + i + "]");
                }
                assertTrue(Math.abs(w[0] - 0.2) > 1e-3, base + " must have moved the weights, w0 = " + w[0]);
            }
        }
    }
}
