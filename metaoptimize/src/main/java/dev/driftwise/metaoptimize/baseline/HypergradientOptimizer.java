package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.List;

/**
 * Hypergradient descent on one scalar step size α (Baydin et al. 2018), for any base direction:
 * per step, with u_{t−1} the previous direction (kept as a tensor per parameter, zero at first),
 *
 * <pre>
 *   α_t     = rule(α_{t−1}, β, g_tᵀu_{t−1})       (additive: α_{t−1} + β g_tᵀu_{t−1})
 *   u_t     = base direction (SGD: g_t; Adam: m̂_t/(√v̂_t + ε))
 *   w_{t+1} = w_t − α_t u_t
 * </pre>
 *
 * α and the hypergradient are doubles on the host (one read per step: the inner product, which is
 * also the finite check, since ∞·0 = NaN even while u is still zero). In the spec's terms (§5.4)
 * this is MetaOptimize with σ = identity, meta SGD and γ = 0: {@link BlockStepSize#metaGradient()}
 * reports z = −g_tᵀu_{t−1} and {@link BlockStepSize#traceNorm()} ‖u_t‖ = ‖dw/dα‖.
 */
abstract class HypergradientOptimizer extends BaselineOptimizer {

    protected final double alpha0;
    protected final double rate;
    protected final HypergradientRule rule;
    private final int n;
    private double alpha;
    private double lastMetaGradient;
    private NDArray[] direction;

    protected HypergradientOptimizer(ParameterLayout layout, double alpha0, double rate, HypergradientRule rule) {
        super(layout);
        this.alpha0 = alpha0;
        this.rate = rate;
        this.rule = rule;
        this.n = layout.count();
        this.alpha = alpha0;
    }

    /**
     * This step's directions u_t (float in the parameters' dtype), as temporaries; the base
     * optimizer's own state (moments) is staged and applied by {@link #commitBase()}.
     */
    protected abstract NDArray[] directions(NDList gradients);

    protected abstract void commitBase();

    protected abstract void initBaseState(NDManager manager, NDList parameters);

    protected abstract void baseStateArrays(NDList into);

    protected abstract void writeBaseState(StateWriter out);

    /** Reads the base state; returns the commit that installs it (called after expectEnd). */
    protected abstract Runnable readBaseState(StateReader in, NDManager manager);

    protected abstract void dropBaseState();

    @Override
    protected final void initState(NDManager manager, NDList parameters) {
        direction = new NDArray[n];
        for (int i = 0; i < n; i++) {
            direction[i] = manager.zeros(layout.get(i).shape(), parameters.get(i).getDataType());
        }
        initBaseState(manager, parameters);
    }

    @Override
    protected final NDList stateArrays() {
        NDList all = new NDList();
        if (direction != null) {
            all.addAll(List.of(direction));
            baseStateArrays(all);
        }
        return all;
    }

    @Override
    protected final Proposal propose(NDList parameters, NDList gradients, StepContext context) {
        NDArray dot = null;
        NDArray gradientSquares = null;
        NDArray directionSquares = null;
        for (int i = 0; i < n; i++) {
            NDArray g = gradients.get(i).toType(DataType.FLOAT64, false);
            NDArray u = direction[i].toType(DataType.FLOAT64, false);
            dot = add(dot, g.mul(u).sum());
            if (rule == HypergradientRule.MULTIPLICATIVE) {
                gradientSquares = add(gradientSquares, g.square().sum());
                directionSquares = add(directionSquares, u.square().sum());
            }
        }
        double gu = HostScalar.read(dot);
        double nextAlpha = rule == HypergradientRule.MULTIPLICATIVE
                ? rule.next(alpha, rate, gu, HostScalar.read(gradientSquares), HostScalar.read(directionSquares))
                : rule.next(alpha, rate, gu, 0, 0);
        NDArray[] next = directions(gradients);
        NDArray[] descent = new NDArray[n];
        for (int i = 0; i < n; i++) {
            descent[i] = next[i].mul(nextAlpha);
        }
        return new Proposal() {
            @Override
            public double finiteCheck() {
                return nextAlpha + gu;
            }

            @Override
            public void commit() {
                for (int i = 0; i < n; i++) {
                    parameters.get(i).subi(descent[i]);
                    direction[i].intern(next[i]);
                }
                commitBase();
                alpha = nextAlpha;
                lastMetaGradient = -gu;
            }
        };
    }

    private static NDArray add(NDArray sum, NDArray term) {
        return sum == null ? term : sum.addi(term);
    }

    /** The current scalar step size α. */
    public final double stepSize() {
        return alpha;
    }

    @Override
    public final List<BlockStepSize> stepSizes() {
        double traceNorm = 0;
        if (hasState()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (NDArray u : direction) {
                    traceNorm += HostScalar.read(u.toType(DataType.FLOAT64, false).square().sum());
                }
            }
        }
        return List.of(new BlockStepSize("all", layout.totalSize(), alpha, alpha, alpha, alpha, lastMetaGradient,
                Math.sqrt(traceNorm)));
    }

    @Override
    protected final void writeState(StateWriter out) {
        out.writeDouble(alpha).writeDouble(lastMetaGradient);
        for (NDArray u : direction) {
            out.writeArray(u);
        }
        writeBaseState(out);
    }

    @Override
    protected final void readState(StateReader in, NDManager manager) {
        double a = in.readDouble();
        double z = in.readDouble();
        NDArray[] u = new NDArray[n];
        for (int i = 0; i < n; i++) {
            u[i] = in.readArray(manager);
        }
        Runnable installBase = readBaseState(in, manager);
        in.expectEnd();
        alpha = a;
        lastMetaGradient = z;
        direction = u;
        installBase.run();
    }

    @Override
    protected final void dropState() {
        direction = null;
        alpha = alpha0;
        lastMetaGradient = 0;
        dropBaseState();
    }
}
