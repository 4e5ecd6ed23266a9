package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IDBD (Sutton 1992, "Adapting bias by gradient descent: an incremental version of
 * delta-bar-delta"): LMS with one log step size β_i per weight, learnt by meta step θ. Written in
 * gradient form (spec §5.1–5.2) so it runs on any tensor layout: with g = ∇½δ² = −δx and
 * x² = the diagonal Hessian from {@link StepContext},
 *
 * <pre>
 *   z_i = h_i g_i                         (meta-gradient, old trace; δ x_i h_i = −z_i)
 *   β_i ← β_i − θ z_i                     (optionally β_i ← max(β_i, β_min), Sutton's safeguard)
 *   α_i = exp(β_i)                        (IDBD uses the freshly updated α, spec §5.2)
 *   w_i ← w_i − α_i g_i
 *   h_i ← h_i [1 − α_i x_i²]⁺ − α_i g_i
 * </pre>
 *
 * β and h are float64 tensors on the parameters' manager, whatever the parameters' dtype.
 */
public final class Idbd extends BaselineOptimizer {

    /** θ chosen on T1 from the grid {0.001, 0.002, 0.005, 0.01} (README-baselines.md). */
    public static final double DEFAULT_META_STEP_SIZE = 0.005;
    /** α0: no canonical value in the paper; 0.05 ≈ 1/d for the paper's 20 inputs. */
    public static final double DEFAULT_INITIAL_STEP_SIZE = 0.05;

    private final double theta;
    private final double alpha0;
    private final double betaMin;
    private final int n;
    private NDArray[] beta;
    private NDArray[] trace;
    private NDArray[] lastMetaGradient;
    private NDArray thetaConst;
    private NDArray one;
    private NDArray zero;
    private NDArray betaMinConst;

    private Idbd(Builder b) {
        super(b.layout);
        this.theta = b.theta;
        this.alpha0 = b.alpha0;
        this.betaMin = b.betaMin;
        this.n = b.layout.count();
    }

    public static Builder builder(ParameterLayout layout) {
        return new Builder(layout);
    }

    @Override
    protected void createConstants(NDManager manager) {
        thetaConst = constant(manager, theta);
        one = constant(manager, 1.0);
        zero = constant(manager, 0.0);
        betaMinConst = constant(manager, betaMin);
    }

    @Override
    protected void initState(NDManager manager, NDList parameters) {
        beta = new NDArray[n];
        trace = new NDArray[n];
        lastMetaGradient = new NDArray[n];
        for (int i = 0; i < n; i++) {
            beta[i] = manager.zeros(layout.get(i).shape(), DataType.FLOAT64).addi(Math.log(alpha0));
            trace[i] = manager.zeros(layout.get(i).shape(), DataType.FLOAT64);
            lastMetaGradient[i] = manager.zeros(new Shape(), DataType.FLOAT64);
        }
    }

    @Override
    protected NDList stateArrays() {
        NDList all = new NDList();
        if (beta != null) {
            all.addAll(List.of(beta));
            all.addAll(List.of(trace));
            all.addAll(List.of(lastMetaGradient));
        }
        return all;
    }

    @Override
    protected Proposal propose(NDList parameters, NDList gradients, StepContext context) {
        NDList diagonal = requireDiagonalHessian(context);
        NDArray[] nextBeta = new NDArray[n];
        NDArray[] nextTrace = new NDArray[n];
        NDArray[] descent = new NDArray[n];
        NDArray[] metaGradient = new NDArray[n];
        NDArray guard = null;
        for (int i = 0; i < n; i++) {
            NDArray g = gradients.get(i);
            NDArray z = trace[i].mul(g);
            NDArray b = beta[i].sub(z.mul(thetaConst));
            if (betaMin > Double.NEGATIVE_INFINITY) {
                b = b.maximum(betaMinConst);
            }
            NDArray alpha = b.exp();
            NDArray alphaG = alpha.mul(g);
            NDArray alphaX2 = alpha.mul(diagonal.get(i));
            NDArray decay = one.sub(alphaX2).maximum(zero);
            nextTrace[i] = trace[i].mul(decay).subi(alphaG);
            nextBeta[i] = b;
            descent[i] = alphaG;
            metaGradient[i] = z.sum();
            // NaN/∞ in g, x², α or the trace all reach this sum (h starts at 0, but ∞ or NaN in g
            // reaches the new trace through α·g; ∞ in x² through α·x²)
            NDArray probe = nextTrace[i].add(alphaX2).sum();
            guard = guard == null ? probe : guard.addi(probe);
        }
        NDArray check = guard;
        return new Proposal() {
            @Override
            public double finiteCheck() {
                return HostScalar.read(check);
            }

            @Override
            public void commit() {
                for (int i = 0; i < n; i++) {
                    parameters.get(i).subi(descent[i]);
                    beta[i].intern(nextBeta[i]);
                    trace[i].intern(nextTrace[i]);
                    lastMetaGradient[i].intern(metaGradient[i]);
                }
            }
        };
    }

    @Override
    public List<BlockStepSize> stepSizes() {
        List<BlockStepSize> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            blocks.add(hasState()
                    ? PerWeightStepSizes.of(layout.get(i), beta[i], HostScalar.read(lastMetaGradient[i]), trace[i])
                    : PerWeightStepSizes.initial(layout.get(i), alpha0));
        }
        return blocks;
    }

    @Override
    public OptimizerSpec spec() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("theta", Double.toString(theta));
        hp.put("alpha0", Double.toString(alpha0));
        hp.put("betaMin", betaMin > Double.NEGATIVE_INFINITY ? Double.toString(betaMin) : "none");
        return new OptimizerSpec("idbd", hp);
    }

    @Override
    protected void writeState(StateWriter out) {
        for (int i = 0; i < n; i++) {
            out.writeArray(beta[i]).writeArray(trace[i]).writeArray(lastMetaGradient[i]);
        }
    }

    @Override
    protected void readState(StateReader in, NDManager manager) {
        NDArray[] b = new NDArray[n];
        NDArray[] h = new NDArray[n];
        NDArray[] z = new NDArray[n];
        for (int i = 0; i < n; i++) {
            b[i] = in.readArray(manager);
            h[i] = in.readArray(manager);
            z[i] = in.readArray(manager);
        }
        in.expectEnd();
        beta = b;
        trace = h;
        lastMetaGradient = z;
    }

    @Override
    protected void dropState() {
        beta = null;
        trace = null;
        lastMetaGradient = null;
    }

    /** Settings of {@link Idbd}; defaults as documented on each option. */
    public static final class Builder {
        private final ParameterLayout layout;
        private double theta = DEFAULT_META_STEP_SIZE;
        private double alpha0 = DEFAULT_INITIAL_STEP_SIZE;
        private double betaMin = Double.NEGATIVE_INFINITY;

        private Builder(ParameterLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        /** θ: meta step size on β (default 0.005). */
        public Builder optMetaStepSize(double theta) {
            this.theta = theta;
            return this;
        }

        /** α0: initial step size of every weight, β0 = ln α0 (default 0.05). */
        public Builder optInitialStepSize(double alpha0) {
            this.alpha0 = alpha0;
            return this;
        }

        /** Lower bound on β (Sutton suggested e.g. −10); off by default, as in MetaOptimize. */
        public Builder optMinLogStepSize(double betaMin) {
            this.betaMin = betaMin;
            return this;
        }

        public Idbd build() {
            SettingChecks.positive("IDBD meta step size θ (optMetaStepSize)", theta, "0.001 to 0.01");
            SettingChecks.positive("IDBD initial step size α0 (optInitialStepSize)", alpha0, "0.01 to 0.1, about 1/inputs");
            if (Double.isNaN(betaMin) || betaMin == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("IDBD lower bound on β (optMinLogStepSize) = " + betaMin
                        + " is invalid: give a finite log step size such as -10, or leave it unset");
            }
            if (betaMin > Math.log(alpha0)) {
                throw new IllegalArgumentException("IDBD lower bound on β (optMinLogStepSize) = " + betaMin
                        + " is above ln α0 = " + Math.log(alpha0) + ": lower the bound (e.g. -10) or raise α0");
            }
            return new Idbd(this);
        }
    }
}
