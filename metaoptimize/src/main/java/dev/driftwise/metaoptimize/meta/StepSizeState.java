package dev.driftwise.metaoptimize.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.ScalarOperand;
import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta-parameters β and their meta-optimizer moments, always in double precision, and the
 * step sizes α = σ(β) they give each tensor.
 *
 * <p>Where they live: for <b>per-weight</b> step sizes β and its moments are float64 arrays of each
 * tensor's shape on the parameters' device (n numbers, no host copies). For <b>scalar and blockwise</b>
 * step sizes the m numbers live on the host: reading the m-vector z back costs one small sync per
 * step, and in exchange the meta update and σ cost no device op at all and α enters the base step
 * as a scalar operand (op count, not size, dominates small steps: stack notes §8).
 */
public final class StepSizeState implements AutoCloseable {

    private final MetaUpdate meta;
    private final StepSizeMap map;
    private final BlockAssignment blocks;
    private final double betaMin;
    private final double betaMax;
    /** β0 lies outside the bounds, so per-weight clamping needs the ratchet (else a plain clip is the same). */
    private final boolean ratchet;
    // per-weight: on the device
    private final NDArray[] beta;
    private final NDArray[][] moments;
    private TensorStepSize[] cachedDevice;
    // scalar / blockwise: on the host
    private final double[] hostBeta;
    private final double[][] hostMoments;
    /** One per block: the scalar α enters the base step and the trace with, kept across steps. */
    private ScalarOperand[] operands;

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
        this.ratchet = beta0 < betaMin || beta0 > betaMax; // false when a bound is NaN
        if (blocks.perWeight()) {
            beta = new NDArray[layout.count()];
            moments = new NDArray[layout.count()][meta.moments()];
            for (int p = 0; p < beta.length; p++) {
                beta[p] = manager.zeros(layout.get(p).shape(), DataType.FLOAT64).addi(beta0);
                for (int k = 0; k < meta.moments(); k++) {
                    moments[p][k] = manager.zeros(layout.get(p).shape(), DataType.FLOAT64);
                }
            }
            hostBeta = null;
            hostMoments = null;
        } else {
            beta = new NDArray[0];
            moments = new NDArray[0][];
            hostBeta = new double[blocks.blockCount()];
            java.util.Arrays.fill(hostBeta, beta0);
            hostMoments = new double[blocks.blockCount()][meta.moments()];
        }
    }

    /** This step's α per tensor. */
    public TensorStepSize[] alphas(NDList parameters) {
        int n = parameters.size();
        TensorStepSize[] out = new TensorStepSize[n];
        if (hostBeta != null) {
            TensorStepSize[] perBlock = new TensorStepSize[hostBeta.length];
            if (operands == null) {
                operands = new ScalarOperand[hostBeta.length];
                for (int b = 0; b < operands.length; b++) {
                    operands[b] = new ScalarOperand(parameters.get(0).getManager(), 0);
                }
            }
            for (int b = 0; b < perBlock.length; b++) {
                perBlock[b] = TensorStepSize.onHost(sigma(hostBeta[b]), parameters.get(0), operands[b]);
            }
            for (int p = 0; p < n; p++) {
                out[p] = perBlock[blocks.blockOf()[p]];
            }
            return out;
        }
        if (cachedDevice != null) {
            return cachedDevice; // a fixed meta never changes β
        }
        DataType type = parameters.get(0).getDataType();
        for (int p = 0; p < n; p++) {
            // σ = identity: copy, so that α never aliases β
            NDArray a = (map == StepSizeMap.EXP ? beta[p].exp().toType(type, false) : beta[p].toType(type, true)).negi();
            out[p] = TensorStepSize.onDeviceNegated(a);
            if (!meta.adapts()) {
                NDScope.unregister(a);
            }
        }
        if (!meta.adapts()) {
            cachedDevice = out;
        }
        return out;
    }

    private double sigma(double b) {
        return map == StepSizeMap.EXP ? Math.exp(b) : b;
    }

    /**
     * β ← MetaStep(β, z), then the optional clamp. z: one {@code [m]} array (scalar/blockwise) or
     * one array per tensor (per-weight).
     *
     * <p>The clamp is a ratchet: a β that lies outside [β_min, β_max] (an α0 under the floor or
     * over the ceiling) may move towards the range but not further away, and once inside it stays
     * inside. So β_new = clamp(β', min(β_min, β), max(β_max, β)); it needs no state of its own.
     */
    public void update(NDList z, long t) {
        if (!meta.adapts()) {
            return;
        }
        boolean clamp = !Double.isNaN(betaMin) || !Double.isNaN(betaMax);
        double lo = Double.isNaN(betaMin) ? -Double.MAX_VALUE : betaMin;
        double hi = Double.isNaN(betaMax) ? Double.MAX_VALUE : betaMax;
        if (hostBeta != null) {
            double[] zHost = z.get(0).toDoubleArray(); // the one host sync of a scalar/blockwise step
            for (int b = 0; b < hostBeta.length; b++) {
                double before = hostBeta[b];
                double next = meta.updateOnHost(before, hostMoments[b], zHost[b], t);
                // safeguard, spec §8.9 deviation
                hostBeta[b] = clamp ? Math.min(Math.max(hi, before), Math.max(Math.min(lo, before), next)) : next;
            }
            return;
        }
        for (int p = 0; p < beta.length; p++) {
            if (!ratchet) { // every β starts inside the bounds and a clip keeps it there
                meta.update(beta[p], moments[p], z.get(p), t);
                if (clamp) {
                    beta[p].intern(beta[p].clip(lo, hi));
                }
                continue;
            }
            NDArray before = beta[p].duplicate(); // temporaries: the step's NDScope frees them
            meta.update(beta[p], moments[p], z.get(p), t);
            beta[p].intern(beta[p].maximum(before.minimum(lo)).minimum(before.maximum(hi)));
        }
    }

    /** β copied to the host: one {@code [m]} array, or one per tensor for per-weight. */
    public double[][] betaOnHost() {
        if (hostBeta != null) {
            return new double[][] {hostBeta.clone()};
        }
        double[][] out = new double[beta.length][];
        for (int p = 0; p < beta.length; p++) {
            out[p] = beta[p].toDoubleArray();
        }
        return out;
    }

    /** Device arrays (per-weight) for the non-finite safeguard's backup. */
    public List<NDArray> stateArrays() {
        List<NDArray> all = new ArrayList<>();
        for (int p = 0; p < beta.length; p++) {
            all.add(beta[p]);
            all.addAll(List.of(moments[p]));
        }
        return all;
    }

    /** Host state (scalar/blockwise) for the safeguard's backup; null for per-weight. */
    public double[][] hostSnapshot() {
        if (hostBeta == null) {
            return null;
        }
        double[][] s = new double[hostBeta.length + 1][];
        s[0] = hostBeta.clone();
        for (int b = 0; b < hostBeta.length; b++) {
            s[b + 1] = hostMoments[b].clone();
        }
        return s;
    }

    public void restoreHost(double[][] snapshot) {
        if (snapshot != null) {
            System.arraycopy(snapshot[0], 0, hostBeta, 0, hostBeta.length);
            for (int b = 0; b < hostBeta.length; b++) {
                System.arraycopy(snapshot[b + 1], 0, hostMoments[b], 0, hostMoments[b].length);
            }
        }
    }

    public void save(StateWriter out) {
        if (hostBeta != null) {
            for (double[] row : hostSnapshot()) {
                out.writeDoubles(row);
            }
            return;
        }
        for (NDArray a : stateArrays()) {
            out.writeArray(a);
        }
    }

    public void restore(StateReader in, NDManager manager) {
        if (hostBeta != null) {
            double[][] s = new double[hostBeta.length + 1][];
            for (int i = 0; i < s.length; i++) {
                s[i] = in.readDoubles();
                int expected = i == 0 ? hostBeta.length : meta.moments();
                if (s[i].length != expected) {
                    throw new IllegalArgumentException("optimizer state has " + s[i].length + " step-size values where "
                            + "this instance has " + expected);
                }
            }
            restoreHost(s);
            return;
        }
        dropCache();
        for (int p = 0; p < beta.length; p++) {
            readInto(beta[p], in, manager);
            for (NDArray m : moments[p]) {
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

    private void dropCache() {
        if (cachedDevice != null) {
            for (TensorStepSize s : cachedDevice) {
                s.close();
            }
            cachedDevice = null;
        }
    }

    @Override
    public void close() {
        dropCache();
        if (operands != null) {
            for (ScalarOperand o : operands) {
                o.close();
            }
            operands = null;
        }
        for (NDArray a : stateArrays()) {
            a.close();
        }
    }
}
