package dev.driftwise.metaoptimize.trace;

import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.blocks.BlockAssignment;
import dev.driftwise.metaoptimize.blocks.RunViews;
import dev.driftwise.metaoptimize.meta.StepSizeState;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
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
    private final List<BlockAssignment.Run> runs;
    private final Engine engine;
    private final Vec h;
    private final Vec decay;
    private final Vec[] hRuns;
    private final Vec[] decayRuns;
    private final RunViews gradientRuns;
    private final RunViews diagonalRuns;

    public ElementwiseTrace(boolean diagonalHessian, double gamma, double weightDecay, BlockAssignment blocks,
            List<BlockAssignment.Run> runs, Engine engine, int length, DType dtype) {
        this.diagonalHessian = diagonalHessian;
        this.gamma = gamma;
        this.weightDecay = weightDecay;
        this.blocks = blocks;
        this.runs = runs;
        this.engine = engine;
        this.h = engine.zeros(length, dtype);
        this.decay = diagonalHessian ? engine.zeros(length, dtype) : null;
        this.hRuns = new RunViews(runs).of(h);
        this.decayRuns = decay == null ? null : new RunViews(runs).of(decay);
        this.gradientRuns = new RunViews(runs);
        this.diagonalRuns = new RunViews(runs);
    }

    @Override
    public void metaGradient(Vec g, StepSizeState into) {
        if (into.perWeight()) {
            engine.mul(into.metaGradient(), 1, h, g); // z_i = h_i g_i, formed in the parameters' dtype
            return;
        }
        double[] z = into.hostMetaGradient();
        java.util.Arrays.fill(z, 0);
        Vec[] gr = gradientRuns.of(g);
        for (int r = 0; r < hRuns.length; r++) {
            z[runs.get(r).block()] += engine.dot(hRuns[r], gr[r]);
        }
    }

    private Vec diagonal(StepContext context) {
        if (context.diagonalHessian() == null) {
            throw new IllegalArgumentException("context.diagonalHessian is null: trace DIAGONAL_HESSIAN needs the "
                    + "diagonal of the loss Hessian every step (for squared loss on a linear model: x²)");
        }
        return context.diagonalHessian();
    }

    @Override
    public void updateRun(int run, double alpha, double k, Vec d, StepContext context, long t) {
        Vec hr = hRuns[run];
        if (diagonalHessian) {
            Vec tmp = decayRuns[run];
            engine.scale(tmp, -alpha, diagonalRuns.of(diagonal(context))[run]);
            engine.addScalar(tmp, tmp, 1 - alpha * weightDecay);
            engine.maxScalar(tmp, tmp, 0); // [1 − α(κ + diag)]⁺
            engine.mul(hr, gamma, tmp, hr);
            engine.lincomb(hr, 1, hr, k, d);
        } else {
            engine.lincomb(hr, gamma * (1 - weightDecay * alpha), hr, k, d);
        }
    }

    @Override
    public void updatePerWeight(Vec alpha, boolean exp, Vec d, StepContext context, long t) {
        if (diagonalHessian) {
            Vec diag = diagonal(context);
            if (weightDecay != 0) {
                engine.addScalar(decay, diag, weightDecay);
                engine.mul(decay, 1, alpha, decay);
            } else {
                engine.mul(decay, 1, alpha, diag);
            }
            engine.scale(decay, -1, decay);
            engine.addScalar(decay, decay, 1);
            engine.maxScalar(decay, decay, 0); // [1 − α ⊙ (κ + diag)]⁺
            engine.mul(h, gamma, decay, h);
        } else if (weightDecay != 0) {
            engine.addcmul(h, gamma, h, -gamma * weightDecay, alpha, h); // γ(1 − κα) ⊙ h
        } else if (gamma != 1) {
            engine.scale(h, gamma, h);
        }
        if (exp) {
            engine.addcmul(h, 1, h, -1, alpha, d); // + Δw = −α ⊙ d
        } else {
            engine.lincomb(h, 1, h, -1, d); // + ∂Δw/∂β = −d for σ = identity
        }
    }

    @Override
    public double[] column(int j) {
        double[] out = new double[h.length()];
        engine.download(h, out, 0);
        if (!blocks.perWeight()) {
            for (BlockAssignment.Run run : runs) {
                if (run.block() != j) {
                    java.util.Arrays.fill(out, run.offset(), run.offset() + run.length(), 0);
                }
            }
        }
        return out;
    }

    @Override
    public double[] squaredNorms() {
        double[] out = new double[blocks.blockCount()];
        if (blocks.perWeight()) { // one "block" per tensor for reporting
            double[] all = new double[h.length()];
            engine.download(h, all, 0);
            int offset = 0;
            for (int b = 0; b < blocks.blockCount(); b++) {
                int size = sizeOfTensor(b);
                for (int i = offset; i < offset + size; i++) {
                    out[b] += all[i] * all[i];
                }
                offset += size;
            }
            return out;
        }
        for (int r = 0; r < hRuns.length; r++) {
            out[runs.get(r).block()] += engine.dot(hRuns[r], hRuns[r]);
        }
        return out;
    }

    private int sizeOfTensor(int p) {
        for (BlockAssignment.Run run : runs) {
            if (run.block() == p) {
                return run.length();
            }
        }
        return 0;
    }

    @Override
    public void reset() {
        engine.fill(h, 0);
    }

    @Override
    public List<Vec> state() {
        return List.of(h);
    }

    @Override
    public void close() {
        h.close();
        if (decay != null) {
            decay.close();
        }
    }
}
