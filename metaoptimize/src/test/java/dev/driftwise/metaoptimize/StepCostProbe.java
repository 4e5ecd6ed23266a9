package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Quick, rough step-cost probe (the real numbers come from the JMH benchmark): thread CPU time per
 * step of plain AdamW (meta fixed, no trace) and MetaOptimize(AdamW, Lion) on a 2-layer MLP layout of
 * about 10k and 1M float32 parameters. Thread CPU time, not wall time, so a loaded machine
 * distorts it less; run with {@code -Dai.djl.pytorch.num_threads=1}.
 */
public final class StepCostProbe {

    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int[] dims : new int[][] {{100, 64, 48}, {1000, 512, 900}}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape[] shapes = {new Shape(dims[1], dims[0]), new Shape(dims[1]), new Shape(dims[2], dims[1]), new Shape(dims[2])};
                String[] names = {"l1.weight", "l1.bias", "l2.weight", "l2.bias"};
                MetaOptimizeBuilder[] configs = {
                    MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.FIXED)
                            .optTrace(TraceKind.NONE),
                    MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.LION),
                    MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.LION)
                            .optBlocks(StepSizeBlocks.perTensor()),
                    MetaOptimize.builder().optBase(BaseAlgorithm.ADAM).optWeightDecay(0.1).optMeta(MetaAlgorithm.LION)
                            .optBlocks(StepSizeBlocks.perWeight()),
                };
                String[] labels = {"plain AdamW", "MO(AdamW,Lion) scalar", "MO per-tensor", "MO per-weight"};
                NDList[] params = new NDList[configs.length];
                MetaOptimize[] opts = new MetaOptimize[configs.length];
                long size = 0;
                for (int c = 0; c < configs.length; c++) {
                    params[c] = new NDList();
                    for (int i = 0; i < shapes.length; i++) {
                        NDArray p = manager.randomNormal(0, 0.01f, shapes[i], ai.djl.ndarray.types.DataType.FLOAT32);
                        p.setName(names[i]);
                        params[c].add(p);
                    }
                    opts[c] = configs[c].build(ParameterLayout.of(params[c]), manager);
                    size = opts[c].layout().totalSize();
                }
                NDList grads = new NDList();
                for (Shape s : shapes) {
                    grads.add(manager.randomNormal(0, 1f, s, ai.djl.ndarray.types.DataType.FLOAT32));
                }
                int steps = dims[0] >= 1000 ? 60 : 600;
                long[] total = new long[configs.length];
                for (int round = 0; round < 6; round++) {
                    for (int c = 0; c < configs.length; c++) {
                        long t0 = cpu.getCurrentThreadCpuTime();
                        for (int s = 0; s < steps; s++) {
                            opts[c].step(params[c], grads);
                        }
                        if (round > 0) { // round 0 warms up
                            total[c] += cpu.getCurrentThreadCpuTime() - t0;
                        }
                    }
                }
                for (int c = 0; c < configs.length; c++) {
                    double us = total[c] / 1e3 / (5.0 * steps);
                    System.out.printf("%,d params  %-24s %9.1f µs/step  ratio %.2f%n", size, labels[c], us,
                            (double) total[c] / total[0]);
                    opts[c].close();
                }
            }
        }
    }
}
