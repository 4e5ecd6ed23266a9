package dev.driftwise.metaoptimize.trace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.ScalarOperands;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.TensorStepSize;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-vector traces (spec §4.1: with a diagonal decay H has one non-zero per row, so one
 * weight-sized vector h serves every granularity):
 * <pre>
 * HESSIAN_FREE:     h ← γ(1 − κα) ⊙ h + ∂Δw/∂β                      (spec §2.6)
 * DIAGONAL_HESSIAN: h ← γ·[1 − α ⊙ (κ + diag∇²f)]⁺ ⊙ h + ∂Δw/∂β     (spec §5.2, IDBD's rectifier)
 * </pre>
 */
public final class ElementwiseTrace implements Trace {

    private final boolean diagonalHessian;
    private final double gamma; // γ: discount of the meta objective
    private final double weightDecay; // κ
    private final BlockAssignment blocks;
    private NDArray[] h;
    /** [tensor × block] 0/1 matrix summing per-tensor inner products into explicit blocks. */
    private NDArray blockSum;
    private final ScalarOperands scalars = new ScalarOperands(1); // γ, kept as a tensor across steps

    public ElementwiseTrace(boolean diagonalHessian, double gamma, double weightDecay, BlockAssignment blocks) {
        this.diagonalHessian = diagonalHessian;
        this.gamma = gamma;
        this.weightDecay = weightDecay;
        this.blocks = blocks;
    }

    @Override
    public void initialize(NDList parameters) {
        if (h != null) {
            return;
        }
        h = new NDArray[parameters.size()];
        for (int p = 0; p < h.length; p++) {
            NDArray w = parameters.get(p);
            h[p] = w.getManager().zeros(w.getShape(), w.getDataType(), w.getDevice());
            NDScope.unregister(h[p]);
        }
    }

    @Override
    public NDList metaGradient(NDList gradients) {
        NDList z = new NDList(blocks.perWeight() ? h.length : 1);
        if (blocks.perWeight()) {
            for (int p = 0; p < h.length; p++) {
                z.add(h[p].mul(gradients.get(p)).toType(DataType.FLOAT64, false)); // z_i = h_i g_i
            }
            return z;
        }
        // one inner product per tensor (reduced in the parameter dtype), combined per block in float64
        NDList perTensor = new NDList(h.length);
        for (int p = 0; p < h.length; p++) {
            perTensor.add(innerProduct(h[p], gradients.get(p)));
        }
        NDArray stacked = NDArrays.stack(perTensor).toType(DataType.FLOAT64, false);
        z.add(switch (blocks.kind()) {
            case SCALAR -> stacked.sum(new int[] {0}, true);
            case PER_TENSOR -> stacked;
            default -> stacked.matMul(blockSum(stacked.getManager())).reshape(blocks.blockCount());
        });
        return z;
    }

    /** ⟨a, b⟩ as one fused dot over flat views: no weight-sized temporary (memory traffic, spec §7.5). */
    static NDArray innerProduct(NDArray a, NDArray b) {
        return a.getShape().dimension() == 1 ? a.dot(b) : a.reshape(-1).dot(b.reshape(-1));
    }

    private NDArray blockSum(NDManager manager) {
        if (blockSum == null) {
            double[] a = new double[h.length * blocks.blockCount()];
            for (int p = 0; p < h.length; p++) {
                a[p * blocks.blockCount() + blocks.blockOf()[p]] = 1;
            }
            blockSum = manager.create(a, new ai.djl.ndarray.types.Shape(h.length, blocks.blockCount()));
            NDScope.unregister(blockSum);
        }
        return blockSum;
    }

    @Override
    public void update(int p, TensorStepSize alpha, NDArray injection, NDArray gradient, StepContext context, long t) {
        if (diagonalHessian) {
            NDArray diag = context.diagonalHessian().get(p);
            NDArray curvature = weightDecay == 0 ? diag : diag.add(weightDecay);
            // γ·[1 − α ⊙ (κ + diag)]⁺
            NDArray decay = alpha.times(curvature, -1).addi(1).maximum(0);
            h[p].muli(gamma == 1 ? decay : decay.muli(scalars.of(0, gamma, decay))).addi(injection);
        } else if (weightDecay == 0) {
            if (gamma != 1) {
                h[p].muli(scalars.of(0, gamma, h[p]));
            }
            h[p].addi(injection);
        } else {
            alpha.affineInPlace(h[p], gamma, -gamma * weightDecay).addi(injection); // γ(1 − κα) = γ − γκ·α
        }
    }

    @Override
    public NDList column(int j) {
        NDList out = new NDList(h.length);
        for (int p = 0; p < h.length; p++) {
            out.add(blocks.perWeight() || blocks.blockOf()[p] == j ? h[p].duplicate() : h[p].zerosLike());
        }
        return out;
    }

    @Override
    public double[] squaredNorms() {
        double[] out = new double[blocks.blockCount()];
        if (h == null) {
            return out;
        }
        for (int p = 0; p < h.length; p++) {
            try (NDArray sq = h[p].toType(DataType.FLOAT64, true).square().sum()) {
                out[blocks.blockOf()[p]] += sq.getDouble();
            }
        }
        return out;
    }

    @Override
    public void reset() {
        if (h != null) {
            for (NDArray a : h) {
                a.muli(0);
            }
        }
    }

    @Override
    public List<NDArray> stateArrays() {
        return h == null ? List.of() : new ArrayList<>(List.of(h));
    }

    @Override
    public void save(StateWriter out) {
        out.writeBoolean(h != null);
        if (h != null) {
            for (NDArray a : h) {
                out.writeArray(a);
            }
        }
    }

    @Override
    public void restore(StateReader in, NDManager manager) {
        closeTrace();
        if (in.readBoolean()) {
            h = new NDArray[blocks.blockOf().length];
            for (int p = 0; p < h.length; p++) {
                h[p] = in.readArray(manager);
            }
        }
    }

    private void closeTrace() {
        if (h != null) {
            for (NDArray a : h) {
                a.close();
            }
            h = null;
        }
    }

    @Override
    public void close() {
        closeTrace();
        scalars.close();
        if (blockSum != null) {
            blockSum.close();
            blockSum = null;
        }
    }
}
