package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
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
 * Autostep (Mahmood, Sutton, Degris &amp; Pilarski 2012, "Tuning-free step-size adaptation",
 * ICASSP, Table 1): IDBD with the meta update normalised by a running bound v_i on |δ x_i h_i|, and
 * the step sizes rescaled so that Σ_i α_i x_i² ≤ 1 (no overshoot on the current sample). Written in
 * gradient form with δ x_i = −g_i and x_i² = the diagonal Hessian from {@link StepContext}:
 *
 * <pre>
 *   v_i ← max(|δ x_i h_i|, v_i + (1/τ) α_i x_i² (|δ x_i h_i| − v_i))      (old α_i)
 *   α_i ← α_i exp(μ δ x_i h_i / v_i)          only where v_i ≠ 0
 *   M   ← max(Σ_i α_i x_i², 1);  α_i ← α_i / M  (the sum runs over every tensor of the layout)
 *   w_i ← w_i + α_i δ x_i
 *   h_i ← h_i (1 − α_i x_i²) + α_i δ x_i
 * </pre>
 *
 * These are the equations of the paper's Table 1 as our brief states them, cross-checked against a
 * public third-party implementation of Table 1 (the PDF itself was not at hand); same ordering: v
 * with the old α, then α, then the normaliser, then w and h.
 * α, v and h are float64 tensors on the parameters' manager.
 */
public final class Autostep extends BaselineOptimizer {

    /** μ: meta step size, the paper's recommended value. */
    public static final double DEFAULT_META_STEP_SIZE = 0.01;
    /** τ: time scale of the running bound v, the paper's recommended value. */
    public static final double DEFAULT_TIME_SCALE = 10_000;
    /** α0: the paper leaves it to the user (Autostep is robust to it); 0.05 as for {@link Idbd}. */
    public static final double DEFAULT_INITIAL_STEP_SIZE = 0.05;

    private final double mu;
    private final double tau;
    private final double alpha0;
    private final int n;
    private NDArray[] alpha;
    private NDArray[] bound;
    private NDArray[] trace;
    private NDArray[] lastMetaGradient;
    private NDArray inverseTau;
    private NDArray negativeMu;
    private NDArray one;
    private NDArray smallestPositive;

    private Autostep(Builder b) {
        super(b.layout);
        this.mu = b.mu;
        this.tau = b.tau;
        this.alpha0 = b.alpha0;
        this.n = b.layout.count();
    }

    public static Builder builder(ParameterLayout layout) {
        return new Builder(layout);
    }

    @Override
    protected void createConstants(NDManager manager) {
        inverseTau = constant(manager, 1 / tau);
        negativeMu = constant(manager, -mu);
        one = constant(manager, 1.0);
        // max(v, MIN_VALUE) equals v for every v > 0 and turns v = 0 (where δxh = 0 too) into a
        // harmless 0 / MIN_VALUE = 0: exactly the paper's "only where v ≠ 0", in one op
        smallestPositive = constant(manager, Double.MIN_VALUE);
    }

    @Override
    protected void initState(NDManager manager, NDList parameters) {
        alpha = new NDArray[n];
        bound = new NDArray[n];
        trace = new NDArray[n];
        lastMetaGradient = new NDArray[n];
        for (int i = 0; i < n; i++) {
            Shape shape = layout.get(i).shape();
            alpha[i] = manager.zeros(shape, DataType.FLOAT64).addi(alpha0);
            bound[i] = manager.zeros(shape, DataType.FLOAT64);
            trace[i] = manager.zeros(shape, DataType.FLOAT64);
            lastMetaGradient[i] = manager.zeros(new Shape(), DataType.FLOAT64);
        }
    }

    @Override
    protected NDList stateArrays() {
        NDList all = new NDList();
        if (alpha != null) {
            all.addAll(List.of(alpha));
            all.addAll(List.of(bound));
            all.addAll(List.of(trace));
            all.addAll(List.of(lastMetaGradient));
        }
        return all;
    }

    @Override
    protected Proposal propose(NDList parameters, NDList gradients, StepContext context) {
        NDList diagonal = requireDiagonalHessian(context);
        NDArray[] nextBound = new NDArray[n];
        NDArray[] raised = new NDArray[n];
        NDArray[] metaGradient = new NDArray[n];
        NDArray total = null;
        for (int i = 0; i < n; i++) {
            NDArray x2 = diagonal.get(i);
            NDArray z = trace[i].mul(gradients.get(i)); // z = h g = −δ x h
            NDArray absZ = z.abs();
            NDArray follow = alpha[i].mul(x2).muli(inverseTau).muli(absZ.sub(bound[i]));
            NDArray v = absZ.maximum(bound[i].add(follow));
            raised[i] = alpha[i].mul(z.div(v.maximum(smallestPositive)).muli(negativeMu).exp());
            nextBound[i] = v;
            metaGradient[i] = z.sum();
            NDArray sum = raised[i].mul(x2).sum();
            total = total == null ? sum : total.addi(sum);
        }
        NDArray normaliser = total.maximum(one);
        NDArray[] nextAlpha = new NDArray[n];
        NDArray[] nextTrace = new NDArray[n];
        NDArray[] descent = new NDArray[n];
        NDArray guard = total;
        for (int i = 0; i < n; i++) {
            nextAlpha[i] = raised[i].div(normaliser);
            NDArray alphaX2 = nextAlpha[i].mul(diagonal.get(i));
            descent[i] = nextAlpha[i].mul(gradients.get(i)); // −α δ x
            nextTrace[i] = trace[i].sub(trace[i].mul(alphaX2)).subi(descent[i]);
            guard = guard.add(nextTrace[i].sum());
        }
        NDArray check = guard;
        return new Proposal() {
            @Override
            public double finiteCheck() {
                // ∞/NaN in g or h reach v, then α, then Σ α x²; overflow of the trace reaches its sum
                return HostScalar.read(check);
            }

            @Override
            public void commit() {
                for (int i = 0; i < n; i++) {
                    parameters.get(i).subi(descent[i]);
                    alpha[i].intern(nextAlpha[i]);
                    bound[i].intern(nextBound[i]);
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
            if (!hasState()) {
                blocks.add(PerWeightStepSizes.initial(layout.get(i), alpha0));
                continue;
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                blocks.add(PerWeightStepSizes.of(
                        layout.get(i), alpha[i].log(), HostScalar.read(lastMetaGradient[i]), trace[i]));
            }
        }
        return blocks;
    }

    @Override
    public OptimizerSpec spec() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("mu", Double.toString(mu));
        hp.put("tau", Double.toString(tau));
        hp.put("alpha0", Double.toString(alpha0));
        return new OptimizerSpec("autostep", hp);
    }

    @Override
    protected void writeState(StateWriter out) {
        for (int i = 0; i < n; i++) {
            out.writeArray(alpha[i]).writeArray(bound[i]).writeArray(trace[i]).writeArray(lastMetaGradient[i]);
        }
    }

    @Override
    protected void readState(StateReader in, NDManager manager) {
        NDArray[] a = new NDArray[n];
        NDArray[] v = new NDArray[n];
        NDArray[] h = new NDArray[n];
        NDArray[] z = new NDArray[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readArray(manager);
            v[i] = in.readArray(manager);
            h[i] = in.readArray(manager);
            z[i] = in.readArray(manager);
        }
        in.expectEnd();
        alpha = a;
        bound = v;
        trace = h;
        lastMetaGradient = z;
    }

    @Override
    protected void dropState() {
        alpha = null;
        bound = null;
        trace = null;
        lastMetaGradient = null;
    }

    /** Settings of {@link Autostep}; defaults are the paper's. */
    public static final class Builder {
        private final ParameterLayout layout;
        private double mu = DEFAULT_META_STEP_SIZE;
        private double tau = DEFAULT_TIME_SCALE;
        private double alpha0 = DEFAULT_INITIAL_STEP_SIZE;

        private Builder(ParameterLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        /** μ: meta step size (default 0.01). */
        public Builder optMetaStepSize(double mu) {
            this.mu = mu;
            return this;
        }

        /** τ: how slowly v forgets a large |δ x h| (default 10⁴). */
        public Builder optTimeScale(double tau) {
            this.tau = tau;
            return this;
        }

        /** α0: initial step size of every weight (default 0.05). */
        public Builder optInitialStepSize(double alpha0) {
            this.alpha0 = alpha0;
            return this;
        }

        public Autostep build() {
            SettingChecks.positive("Autostep meta step size μ (optMetaStepSize)", mu, "0.01");
            SettingChecks.atLeast("Autostep time scale τ (optTimeScale)", tau, 1, "10000");
            SettingChecks.positive("Autostep initial step size α0 (optInitialStepSize)", alpha0, "0.001 to 0.1");
            return new Autostep(this);
        }
    }
}
