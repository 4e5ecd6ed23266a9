package dev.driftwise.metaoptimize.trace;

import dev.driftwise.metaoptimize.GradientFunction;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.base.BaseUpdate;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.blocks.RunViews;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
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
 * For a weight of block b only k = b contributes to the injected term.
 */
public final class FullTrace implements Trace {

    private final BaseUpdate base;
    private final double gamma;
    private final List<BlockAssignment.Run> runs;
    private final boolean carryY;
    private final double metaSgdStep; // η of meta SGD in the Y recursion; 0 for metas with dβ'/dx = 0
    private final FiniteDifferenceHvp hvp;
    private final Engine engine;
    private final int columns;
    private final Vec[] h; // [column]
    private final Vec[][] aux; // [column][k]
    private final Vec[] hessianTimesColumn; // this step's ∇²f·H[:, j]
    private final boolean[] columnIsZero;
    private final Vec next;
    private final Vec alpha; // every weight's α this step
    private final Vec[] scratch;
    private final Vec[] alphaRuns;
    private final Vec[] nextRuns;
    private final Vec[] runDirection; // this step's d of each run
    private final double[] runAlpha;
    private final double[] runK;
    private Vec lastGradient; // this step's g, which Adam's tangent push reads
    private double[][] y; // Y_t, m × m
    private double[][] curvature; // H_tᵀ∇²f H_t of this step

    public FullTrace(BaseUpdate base, double gamma, List<BlockAssignment.Run> runs, int columns, boolean carryY,
            double metaSgdStep, double relativeHvpStep, Engine engine, int length, DType dtype) {
        this.base = base;
        this.gamma = gamma;
        this.runs = runs;
        this.carryY = carryY;
        this.metaSgdStep = metaSgdStep;
        this.engine = engine;
        this.columns = columns;
        this.hvp = new FiniteDifferenceHvp(relativeHvpStep, engine, length, dtype);
        this.h = new Vec[columns];
        this.aux = new Vec[columns][base.tangentCount()];
        this.hessianTimesColumn = new Vec[columns];
        this.columnIsZero = new boolean[columns];
        for (int j = 0; j < columns; j++) {
            h[j] = engine.zeros(length, dtype);
            hessianTimesColumn[j] = engine.zeros(length, dtype);
            for (int k = 0; k < base.tangentCount(); k++) {
                aux[j][k] = engine.zeros(length, dtype);
            }
        }
        this.next = engine.zeros(length, dtype);
        this.alpha = engine.zeros(length, dtype);
        this.scratch = new Vec[] {engine.zeros(length, dtype), engine.zeros(length, dtype)};
        this.alphaRuns = new RunViews(runs).of(alpha);
        this.nextRuns = new RunViews(runs).of(next);
        this.runDirection = new Vec[runs.size()];
        this.runAlpha = new double[runs.size()];
        this.runK = new double[runs.size()];
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
    public void metaGradient(Vec g, StepSizeState into) {
        double[] z = into.hostMetaGradient();
        for (int j = 0; j < columns; j++) {
            z[j] = engine.dot(h[j], g);
        }
    }

    @Override
    public void beforeBaseStep(Vec w, Vec g, StepContext context, long t) {
        GradientFunction gradient = context.gradientFunction();
        if (gradient == null) {
            throw new IllegalArgumentException("context.gradientFunction is null: the FULL trace needs the loss gradient "
                    + "at perturbed weights for Hessian-vector products; pass StepContext.withGradientFunction(...) "
                    + "or use TraceKind.HESSIAN_FREE");
        }
        lastGradient = g;
        double wNorm = Math.sqrt(engine.dot(w, w));
        for (int j = 0; j < columns; j++) {
            columnIsZero[j] = !hvp.apply(gradient, w, wNorm, h[j], hessianTimesColumn[j]);
        }
        curvature = null;
        if (carryY && metaSgdStep != 0) {
            curvature = new double[columns][columns];
            for (int j = 0; j < columns; j++) {
                for (int k = 0; k < columns; k++) {
                    curvature[j][k] = columnIsZero[k] ? 0 : engine.dot(h[j], hessianTimesColumn[k]);
                }
            }
        }
    }

    @Override
    public void updateRun(int run, double alphaOfRun, double k, Vec d, StepContext context, long t) {
        runAlpha[run] = alphaOfRun;
        runK[run] = k;
        runDirection[run] = d;
        if (run < runs.size() - 1) {
            return; // every column needs α of every weight: push once the last run's α is known
        }
        for (int r = 0; r < runs.size(); r++) {
            engine.fill(alphaRuns[r], runAlpha[r]);
        }
        for (int j = 0; j < columns; j++) {
            base.pushTangent(next, h[j], aux[j], columnIsZero[j] ? null : hessianTimesColumn[j], lastGradient, alpha,
                    gamma, t, scratch);
            for (int r = 0; r < runs.size(); r++) {
                int b = runs.get(r).block();
                double coefficient = carryY ? y[b][j] : (b == j ? 1 : 0);
                if (coefficient != 0) {
                    engine.lincomb(nextRuns[r], 1, nextRuns[r], coefficient * runK[r], runDirection[r]);
                }
            }
            engine.copy(h[j], next);
        }
    }

    @Override
    public void updatePerWeight(Vec alphaVector, boolean exp, Vec d, StepContext context, long t) {
        throw new IllegalStateException("trace FULL does not support per-weight step sizes (spec §8.13)");
    }

    @Override
    public void afterStep() {
        if (!carryY) {
            return;
        }
        double[][] updated = new double[columns][columns];
        for (int j = 0; j < columns; j++) {
            for (int k = 0; k < columns; k++) {
                updated[j][k] = gamma * y[j][k] + (j == k ? 1 - gamma : 0)
                        - (curvature == null ? 0 : gamma * metaSgdStep * curvature[j][k]);
            }
        }
        y = updated;
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
    public double[] column(int j) {
        double[] out = new double[h[j].length()];
        engine.download(h[j], out, 0);
        return out;
    }

    @Override
    public double[] squaredNorms() {
        double[] out = new double[columns];
        for (int j = 0; j < columns; j++) {
            out[j] = engine.dot(h[j], h[j]);
        }
        return out;
    }

    @Override
    public void reset() {
        for (Vec v : state()) {
            engine.fill(v, 0);
        }
        y = identity(columns);
    }

    @Override
    public List<Vec> state() {
        List<Vec> all = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            all.add(h[j]);
            all.addAll(List.of(aux[j]));
        }
        return all;
    }

    @Override
    public double[] hostState() {
        double[] out = new double[columns * columns];
        for (int j = 0; j < columns; j++) {
            System.arraycopy(y[j], 0, out, j * columns, columns);
        }
        return out;
    }

    @Override
    public void restoreHostState(double[] values) {
        if (values.length != columns * columns) {
            throw new IllegalArgumentException("optimizer state holds a " + values.length + "-value Y, this trace has "
                    + columns + " × " + columns);
        }
        for (int j = 0; j < columns; j++) {
            System.arraycopy(values, j * columns, y[j], 0, columns);
        }
    }

    @Override
    public void close() {
        for (Vec v : state()) {
            v.close();
        }
        for (Vec v : hessianTimesColumn) {
            v.close();
        }
        next.close();
        alpha.close();
        for (Vec v : scratch) {
            v.close();
        }
        hvp.close();
    }
}
