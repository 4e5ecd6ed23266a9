package dev.driftwise.metaoptimize.trace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.GradientFunction;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.meta.TensorStepSize;
import dev.driftwise.metaoptimize.base.BaseUpdate;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The full (Hessian-involving) trace, [C] form of spec §1.7 with m columns (spec §8.13): for every
 * block j a tangent H[:, j] of the weights plus the base optimizer's auxiliary tangents, pushed
 * through the Jacobian of each base step, with ∇²f·H[:, j] from finite differences:
 * <pre>
 * X_{t+1}[:, j] = γ·(∂x_{t+1}/∂x_t)·X_t[:, j] + Σ_k ∂x_{t+1}/∂β_k · Y_t[k, j]
 * Y_{t+1}       = γY_t + (1−γ)I − γη·H_tᵀ∇²f_t H_t       (2×2 with meta SGD; L: Y ≡ I)
 * </pre>
 * For a tensor of block b only k = b contributes to the injected term.
 */
public final class FullTrace implements Trace {

    private final BaseUpdate base;
    private final double gamma;
    private final BlockAssignment blocks;
    private final boolean carryY;
    private final double metaSgdStep; // η of meta SGD in the Y recursion; 0 for metas with dβ'/dx = 0
    private final FiniteDifferenceHvp hvp;
    private final int columns;
    private NDArray[][] h; // [column][tensor]
    private NDArray[][][] aux; // [column][tensor][k]
    private double[][] y; // Y_t, m × m
    private NDList[] hessianTimesColumn; // per column, this step's ∇²f·H[:, j] (null = zero)
    private double[][] curvature; // H_tᵀ∇²f H_t of this step

    public FullTrace(BaseUpdate base, double gamma, BlockAssignment blocks, boolean carryY, double metaSgdStep,
            double relativeHvpStep) {
        this.base = base;
        this.gamma = gamma;
        this.blocks = blocks;
        this.carryY = carryY;
        this.metaSgdStep = metaSgdStep;
        this.hvp = new FiniteDifferenceHvp(relativeHvpStep);
        this.columns = blocks.blockCount();
        this.y = identity(columns);
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    @Override
    public void initialize(NDList parameters) {
        if (h != null) {
            return;
        }
        int n = parameters.size();
        h = new NDArray[columns][n];
        aux = new NDArray[columns][n][base.tangentCount()];
        for (int j = 0; j < columns; j++) {
            for (int p = 0; p < n; p++) {
                h[j][p] = zerosLike(parameters.get(p));
                for (int k = 0; k < base.tangentCount(); k++) {
                    aux[j][p][k] = zerosLike(parameters.get(p));
                }
            }
        }
    }

    private static NDArray zerosLike(NDArray w) {
        NDArray z = w.getManager().zeros(w.getShape(), w.getDataType(), w.getDevice());
        NDScope.unregister(z);
        return z;
    }

    @Override
    public NDList metaGradient(NDList gradients) {
        NDList perColumn = new NDList(columns);
        for (int j = 0; j < columns; j++) {
            perColumn.add(columnDot(h[j], gradients));
        }
        return new NDList(NDArrays.stack(perColumn));
    }

    private static NDArray columnDot(NDArray[] column, NDList other) {
        NDArray sum = null;
        for (int p = 0; p < column.length; p++) {
            NDArray s = column[p].mul(other.get(p)).sum().toType(DataType.FLOAT64, false);
            sum = sum == null ? s : sum.addi(s);
        }
        return sum;
    }

    @Override
    public void beforeBaseStep(NDList parameters, NDList gradients, StepContext context, long t) {
        GradientFunction gradient = context.gradientFunction();
        if (gradient == null) {
            throw new IllegalArgumentException("context.gradientFunction is null: the FULL trace needs the loss gradient "
                    + "at perturbed weights for Hessian-vector products; pass StepContext.withGradientFunction(...) "
                    + "or use TraceKind.HESSIAN_FREE");
        }
        hessianTimesColumn = new NDList[columns];
        double wNorm = Math.sqrt(FiniteDifferenceHvp.squaredNorm(parameters));
        for (int j = 0; j < columns; j++) {
            hessianTimesColumn[j] = hvp.apply(gradient, parameters, wNorm, new NDList(h[j]));
        }
        if (carryY && metaSgdStep != 0) {
            curvature = new double[columns][columns];
            for (int j = 0; j < columns; j++) {
                for (int k = 0; k < columns; k++) {
                    if (hessianTimesColumn[k] != null) {
                        try (NDArray d = columnDot(h[j], hessianTimesColumn[k])) {
                            curvature[j][k] = d.getDouble();
                        }
                    }
                }
            }
        }
    }

    @Override
    public void update(int p, TensorStepSize alpha, NDArray injection, NDArray gradient, StepContext context, long t) {
        int b = blocks.blockOf()[p];
        for (int j = 0; j < columns; j++) {
            NDArray hv = hessianTimesColumn[j] == null ? h[j][p].zerosLike() : hessianTimesColumn[j].get(p);
            NDArray next = base.pushTangent(p, alpha.array(), h[j][p], aux[j][p], hv, gradient, gamma, t);
            double coefficient = carryY ? y[b][j] : (b == j ? 1 : 0);
            if (coefficient != 0) {
                next.addi(coefficient == 1 ? injection : injection.mul(coefficient));
            }
            h[j][p].intern(next);
        }
    }

    @Override
    public void afterStep() {
        if (!carryY) {
            return;
        }
        double[][] next = new double[columns][columns];
        for (int j = 0; j < columns; j++) {
            for (int k = 0; k < columns; k++) {
                next[j][k] = gamma * y[j][k] + (j == k ? 1 - gamma : 0)
                        - (curvature == null ? 0 : gamma * metaSgdStep * curvature[j][k]);
            }
        }
        y = next;
        curvature = null;
    }

    /** Y_t (a copy), the modelled sensitivity of β to past β. */
    public double[][] metaSensitivity() {
        double[][] copy = new double[columns][];
        for (int j = 0; j < columns; j++) {
            copy[j] = y[j].clone();
        }
        return copy;
    }

    @Override
    public NDList column(int j) {
        NDList out = new NDList(h[j].length);
        for (NDArray a : h[j]) {
            out.add(a.duplicate());
        }
        return out;
    }

    @Override
    public double[] squaredNorms() {
        double[] out = new double[columns];
        if (h != null) {
            for (int j = 0; j < columns; j++) {
                out[j] = FiniteDifferenceHvp.squaredNorm(new NDList(h[j]));
            }
        }
        return out;
    }

    @Override
    public void reset() {
        for (NDArray a : stateArrays()) {
            a.muli(0);
        }
        y = identity(columns);
    }

    @Override
    public List<NDArray> stateArrays() {
        List<NDArray> all = new ArrayList<>();
        if (h != null) {
            for (int j = 0; j < columns; j++) {
                for (int p = 0; p < h[j].length; p++) {
                    all.add(h[j][p]);
                    all.addAll(List.of(aux[j][p]));
                }
            }
        }
        return all;
    }

    /** Y lives on the host; the non-finite safeguard backs it up through these two. */
    public double[][] saveY() {
        return metaSensitivity();
    }

    public void restoreY(double[][] saved) {
        y = saved;
    }

    @Override
    public void save(StateWriter out) {
        for (double[] row : y) {
            out.writeDoubles(row);
        }
        out.writeBoolean(h != null);
        for (NDArray a : stateArrays()) {
            out.writeArray(a);
        }
    }

    @Override
    public void restore(StateReader in, NDManager manager) {
        close();
        for (int j = 0; j < columns; j++) {
            y[j] = in.readDoubles();
        }
        if (!in.readBoolean()) {
            return;
        }
        int n = blocks.blockOf().length;
        h = new NDArray[columns][n];
        aux = new NDArray[columns][n][base.tangentCount()];
        for (int j = 0; j < columns; j++) {
            for (int p = 0; p < n; p++) {
                h[j][p] = in.readArray(manager);
                for (int k = 0; k < base.tangentCount(); k++) {
                    aux[j][p][k] = in.readArray(manager);
                }
            }
        }
    }

    @Override
    public void close() {
        for (NDArray a : stateArrays()) {
            a.close();
        }
        h = null;
        aux = null;
    }
}
