package dev.driftwise.metaoptimize.trace;

import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;

/**
 * No trace: with meta {@code fixed} MetaOptimize is then exactly its base optimizer at the base's
 * own cost (what a benchmark compares MetaOptimize against). The meta-gradient is reported as 0.
 */
public final class NoTrace implements Trace {

    private final int blocks;

    public NoTrace(int blocks) {
        this.blocks = blocks;
    }

    @Override
    public void metaGradient(Vec g, StepSizeState into) {}

    @Override
    public void updateRun(int run, double alpha, double k, Vec d, StepContext context, long t) {}

    @Override
    public void updatePerWeight(Vec alpha, boolean exp, Vec d, StepContext context, long t) {}

    @Override
    public double[] column(int j) {
        return new double[0];
    }

    @Override
    public double[] squaredNorms() {
        return new double[blocks];
    }

    @Override
    public void reset() {}

    @Override
    public List<Vec> state() {
        return List.of();
    }

    @Override
    public void close() {}
}
