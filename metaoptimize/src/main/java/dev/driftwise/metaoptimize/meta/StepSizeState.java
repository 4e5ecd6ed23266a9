package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta-parameters β and their meta-optimizer moments, in float64 on the device: one {@code [m]}
 * array for scalar/blockwise step sizes, or one array per tensor (its shape) for per-weight ones.
 * Turns β into per-tensor step sizes α = σ(β) and applies the meta update (with the optional clamp).
 */
public final class StepSizeState implements AutoCloseable {

    private final MetaUpdate meta;
    private final StepSizeMap map;
    private final BlockAssignment blocks;
    private final double betaMin;
    private final double betaMax;
    private final NDArray[] beta;
    private final NDArray[][] moments;

    /**
     * @param betaMin lower clamp in β space, or NaN; likewise {@code betaMax}
     */
    public StepSizeState(MetaUpdate meta, StepSizeMap map, BlockAssignment blocks, ParameterLayout layout,
            double initialStepSize, double betaMin, double betaMax, NDManager manager) {
        this.meta = meta;
        this.map = map;
        this.blocks = blocks;
        this.betaMin = betaMin;
        this.betaMax = betaMax;
        double beta0 = map == StepSizeMap.EXP ? Math.log(initialStepSize) : initialStepSize; // β_0 = σ⁻¹(α0)
        int groups = blocks.perWeight() ? layout.count() : 1;
        beta = new NDArray[groups];
        moments = new NDArray[groups][meta.moments()];
        for (int g = 0; g < groups; g++) {
            Shape shape = blocks.perWeight() ? layout.get(g).shape() : new Shape(blocks.blockCount());
            beta[g] = manager.zeros(shape, DataType.FLOAT64).addi(beta0);
            for (int k = 0; k < meta.moments(); k++) {
                moments[g][k] = manager.zeros(shape, DataType.FLOAT64);
            }
        }
    }

    /** α of every tensor in the parameters' dtype, broadcastable against the tensor. */
    public NDArray[] alphas(NDList parameters) {
        int n = parameters.size();
        NDArray[] alpha = new NDArray[n];
        DataType type = parameters.get(0).getDataType();
        if (blocks.perWeight()) {
            for (int p = 0; p < n; p++) {
                alpha[p] = sigma(beta[p]).toType(type, false);
            }
            return alpha;
        }
        NDArray all = sigma(beta[0]).toType(type, false);
        NDArray[] perBlock = new NDArray[blocks.blockCount()];
        for (int b = 0; b < perBlock.length; b++) {
            perBlock[b] = perBlock.length == 1 ? all.reshape(new Shape()) : all.get(b);
        }
        for (int p = 0; p < n; p++) {
            alpha[p] = perBlock[blocks.blockOf()[p]];
        }
        return alpha;
    }

    private NDArray sigma(NDArray b) {
        return map == StepSizeMap.EXP ? b.exp() : b;
    }

    /** β ← MetaStep(β, z) for every β array, then the optional clamp. */
    public void update(NDList z, long t) {
        if (!meta.adapts()) {
            return;
        }
        for (int g = 0; g < beta.length; g++) {
            meta.update(beta[g], moments[g], z.get(g), t);
            if (!Double.isNaN(betaMin) || !Double.isNaN(betaMax)) {
                // safeguard, off by default (spec §8.9: a documented deviation)
                beta[g].intern(beta[g].clip(Double.isNaN(betaMin) ? -Double.MAX_VALUE : betaMin,
                        Double.isNaN(betaMax) ? Double.MAX_VALUE : betaMax));
            }
        }
    }

    /** β arrays copied to the host: one {@code [m]} array, or one per tensor for per-weight. */
    public double[][] betaOnHost() {
        double[][] out = new double[beta.length][];
        for (int g = 0; g < beta.length; g++) {
            out[g] = beta[g].toDoubleArray();
        }
        return out;
    }

    public List<NDArray> stateArrays() {
        List<NDArray> all = new ArrayList<>();
        for (int g = 0; g < beta.length; g++) {
            all.add(beta[g]);
            all.addAll(List.of(moments[g]));
        }
        return all;
    }

    public void save(StateWriter out) {
        for (NDArray a : stateArrays()) {
            out.writeArray(a);
        }
    }

    public void restore(StateReader in, NDManager manager) {
        for (int g = 0; g < beta.length; g++) {
            readInto(beta[g], in, manager);
            for (NDArray m : moments[g]) {
                readInto(m, in, manager);
            }
        }
    }

    private static void readInto(NDArray target, StateReader in, NDManager manager) {
        NDArray read = in.readArray(manager);
        if (!read.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("optimizer state has a step-size array of shape " + read.getShape()
                    + " where this instance has " + target.getShape());
        }
        NDScope.unregister(read);
        target.intern(read);
    }

    @Override
    public void close() {
        for (NDArray a : stateArrays()) {
            a.close();
        }
    }
}
