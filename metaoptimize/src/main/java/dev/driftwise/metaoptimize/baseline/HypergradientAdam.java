package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Adam-HD (Baydin et al. 2018, Algorithm 3): Adam whose scalar step size follows the hypergradient
 * through the previous Adam direction,
 *
 * <pre>
 *   α_t = α_{t−1} + β g_tᵀu_{t−1},   u_{t−1} = m̂_{t−1} / (√v̂_{t−1} + ε)   (u_0 = 0)
 *   m_t = ρ m_{t−1} + (1 − ρ) g_t;   v_t = λ v_{t−1} + (1 − λ) g_t²
 *   m̂_t = m_t / (1 − ρ^t);           v̂_t = v_t / (1 − λ^t)
 *   w_{t+1} = w_t − α_t m̂_t / (√v̂_t + ε)
 * </pre>
 *
 * This is the paper's algorithm (ε outside the square root, on the bias-corrected v̂). The
 * authors' PyTorch code ({@code hypergrad/adam_hd.py}) adds ε to √v before the bias correction;
 * the two differ only where √v̂ is comparable to ε. m, v and u are tensors in the parameters' dtype.
 */
public final class HypergradientAdam extends HypergradientOptimizer {

    public static final double DEFAULT_INITIAL_STEP_SIZE = 0.001;
    /**
     * β: the paper's hypergradient step for Adam-HD: 1e-7 for logistic regression and the MLP, 1e-8
     * for VGG (result folders of gbaydin/hypergradient-descent).
     */
    public static final double DEFAULT_HYPERGRADIENT_STEP_SIZE = 1e-7;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final int n;
    private NDArray[] m;
    private NDArray[] v;
    private long adamSteps;
    private NDArray[] stagedM;
    private NDArray[] stagedV;

    private HypergradientAdam(Builder b) {
        super(b.layout, b.alpha0, b.rate, b.rule);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.n = b.layout.count();
    }

    public static Builder builder(ParameterLayout layout) {
        return new Builder(layout);
    }

    @Override
    protected NDArray[] directions(NDList gradients) {
        long t = adamSteps + 1;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        NDArray[] u = new NDArray[n];
        stagedM = new NDArray[n];
        stagedV = new NDArray[n];
        for (int i = 0; i < n; i++) {
            NDArray g = gradients.get(i);
            stagedM[i] = m[i].mul(beta1).addi(g.mul(1 - beta1));
            stagedV[i] = v[i].mul(beta2).addi(g.square().muli(1 - beta2));
            u[i] = stagedM[i].div(correction1).divi(stagedV[i].div(correction2).sqrt().addi(epsilon));
        }
        return u;
    }

    @Override
    protected void commitBase() {
        for (int i = 0; i < n; i++) {
            m[i].intern(stagedM[i]);
            v[i].intern(stagedV[i]);
        }
        adamSteps++;
        stagedM = null;
        stagedV = null;
    }

    @Override
    protected void initBaseState(NDManager manager, NDList parameters) {
        m = new NDArray[n];
        v = new NDArray[n];
        for (int i = 0; i < n; i++) {
            m[i] = manager.zeros(layout.get(i).shape(), parameters.get(i).getDataType());
            v[i] = manager.zeros(layout.get(i).shape(), parameters.get(i).getDataType());
        }
        adamSteps = 0;
    }

    @Override
    protected void baseStateArrays(NDList into) {
        into.addAll(List.of(m));
        into.addAll(List.of(v));
    }

    @Override
    protected void writeBaseState(StateWriter out) {
        out.writeLong(adamSteps);
        for (int i = 0; i < n; i++) {
            out.writeArray(m[i]).writeArray(v[i]);
        }
    }

    @Override
    protected Runnable readBaseState(StateReader in, NDManager manager) {
        long t = in.readLong();
        NDArray[] readM = new NDArray[n];
        NDArray[] readV = new NDArray[n];
        for (int i = 0; i < n; i++) {
            readM[i] = in.readArray(manager);
            readV[i] = in.readArray(manager);
        }
        return () -> {
            adamSteps = t;
            m = readM;
            v = readV;
        };
    }

    @Override
    protected void dropBaseState() {
        m = null;
        v = null;
        adamSteps = 0;
    }

    @Override
    public OptimizerSpec spec() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("alpha0", Double.toString(alpha0));
        hp.put("hypergradientStepSize", Double.toString(rate));
        hp.put("rule", rule.name().toLowerCase(Locale.ROOT));
        hp.put("beta1", Double.toString(beta1));
        hp.put("beta2", Double.toString(beta2));
        hp.put("epsilon", Double.toString(epsilon));
        return new OptimizerSpec("adam-hd", hp);
    }

    /** Settings of {@link HypergradientAdam}; defaults are the paper's. */
    public static final class Builder {
        private final ParameterLayout layout;
        private double alpha0 = DEFAULT_INITIAL_STEP_SIZE;
        private double rate = DEFAULT_HYPERGRADIENT_STEP_SIZE;
        private HypergradientRule rule = HypergradientRule.ADDITIVE;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double epsilon = DEFAULT_EPSILON;

        private Builder(ParameterLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        /** α0: initial step size (default 0.001). */
        public Builder optInitialStepSize(double alpha0) {
            this.alpha0 = alpha0;
            return this;
        }

        /** β: hypergradient step size (default 1e-7). */
        public Builder optHypergradientStepSize(double rate) {
            this.rate = rate;
            return this;
        }

        /** Additive (default) or multiplicative update of α. */
        public Builder optRule(HypergradientRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** ρ (Adam β1): first-moment decay (default 0.9). */
        public Builder optBeta1(double beta1) {
            this.beta1 = beta1;
            return this;
        }

        /** λ (Adam β2): second-moment decay (default 0.999). */
        public Builder optBeta2(double beta2) {
            this.beta2 = beta2;
            return this;
        }

        /** ε: added to √v̂ (default 1e-8). */
        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public HypergradientAdam build() {
            SettingChecks.nonNegative("Adam-HD initial step size α0 (optInitialStepSize)", alpha0, "0.001");
            SettingChecks.nonNegative("Adam-HD hypergradient step size β (optHypergradientStepSize)", rate, "1e-7 to 1e-8");
            SettingChecks.decay("Adam-HD first-moment decay β1 (optBeta1)", beta1, "0.9");
            SettingChecks.decay("Adam-HD second-moment decay β2 (optBeta2)", beta2, "0.999");
            SettingChecks.positive("Adam-HD ε (optEpsilon)", epsilon, "1e-8");
            return new HypergradientAdam(this);
        }
    }
}
