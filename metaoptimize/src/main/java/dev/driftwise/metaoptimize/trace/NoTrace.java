package dev.driftwise.metaoptimize.trace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.TensorStepSize;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.List;

/**
 * No trace: with meta {@code fixed} MetaOptimize is then exactly its base optimizer at the base's
 * own cost (what a benchmark compares MetaOptimize against). The meta-gradient is reported as 0.
 */
public final class NoTrace implements Trace {

    private final BlockAssignment blocks;

    public NoTrace(BlockAssignment blocks) {
        this.blocks = blocks;
    }

    @Override
    public void initialize(NDList parameters) {}

    @Override
    public NDList metaGradient(NDList gradients) {
        return new NDList(); // never read: a fixed meta does not update β
    }

    @Override
    public void update(int p, TensorStepSize alpha, NDArray injection, NDArray gradient, StepContext context, long t) {}

    @Override
    public NDList column(int j) {
        return new NDList();
    }

    @Override
    public double[] squaredNorms() {
        return new double[blocks.blockCount()];
    }

    @Override
    public void reset() {}

    @Override
    public List<NDArray> stateArrays() {
        return List.of();
    }

    @Override
    public void save(StateWriter out) {}

    @Override
    public void restore(StateReader in, NDManager manager) {}

    @Override
    public void close() {}
}
