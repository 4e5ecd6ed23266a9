package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.OptimizerSpec;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SGD-HD (Baydin et al. 2018, "Online learning rate adaptation with hypergradient descent", ICLR,
 * Algorithm 2): plain SGD whose scalar step size follows the hypergradient,
 * α_t = α_{t−1} + β g_tᵀg_{t−1}, then w_{t+1} = w_t − α_t g_t (g_0 = 0, so the first step uses α0).
 * The previous gradient is kept as a copy per parameter, in the parameters' dtype.
 */
public final class HypergradientSgd extends HypergradientOptimizer {

    /** α0: the initial step size of the paper's experiments. */
    public static final double DEFAULT_INITIAL_STEP_SIZE = 0.001;
    /**
     * β: the paper's hypergradient step for SGD-HD (and SGDN-HD), as in the result folders of the
     * authors' repository gbaydin/hypergradient-descent ({@code results/logreg/+1e-03_+1e-03}).
     */
    public static final double DEFAULT_HYPERGRADIENT_STEP_SIZE = 0.001;

    private HypergradientSgd(Builder b) {
        super(b.layout, b.alpha0, b.rate, b.rule);
    }

    public static Builder builder(ParameterLayout layout) {
        return new Builder(layout);
    }

    @Override
    protected NDArray[] directions(NDList gradients) {
        NDArray[] copies = new NDArray[gradients.size()];
        for (int i = 0; i < copies.length; i++) {
            // a real copy (libtorch clone): callers reuse gradient buffers (PyTorch's .grad), and
            // toType(same dtype, copy = true) returns a view of the same storage in DJL 0.36, so
            // g_{t−1} would silently become g_t and α would only ever grow
            copies[i] = gradients.get(i).duplicate();
        }
        return copies;
    }

    @Override
    protected void commitBase() {}

    @Override
    protected void initBaseState(NDManager manager, NDList parameters) {}

    @Override
    protected void baseStateArrays(NDList into) {}

    @Override
    protected void writeBaseState(StateWriter out) {}

    @Override
    protected Runnable readBaseState(StateReader in, NDManager manager) {
        return () -> {};
    }

    @Override
    protected void dropBaseState() {}

    @Override
    public OptimizerSpec spec() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("alpha0", Double.toString(alpha0));
        hp.put("hypergradientStepSize", Double.toString(rate));
        hp.put("rule", rule.name().toLowerCase(Locale.ROOT));
        return new OptimizerSpec("sgd-hd", hp);
    }

    /** Settings of {@link HypergradientSgd}; defaults are the paper's. */
    public static final class Builder {
        private final ParameterLayout layout;
        private double alpha0 = DEFAULT_INITIAL_STEP_SIZE;
        private double rate = DEFAULT_HYPERGRADIENT_STEP_SIZE;
        private HypergradientRule rule = HypergradientRule.ADDITIVE;

        private Builder(ParameterLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        /** α0: initial step size (default 0.001). */
        public Builder optInitialStepSize(double alpha0) {
            this.alpha0 = alpha0;
            return this;
        }

        /** β: hypergradient step size (default 0.001; for the multiplicative rule a relative rate). */
        public Builder optHypergradientStepSize(double rate) {
            this.rate = rate;
            return this;
        }

        /** Additive (default, the paper's main form) or multiplicative update of α. */
        public Builder optRule(HypergradientRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        public HypergradientSgd build() {
            SettingChecks.nonNegative("SGD-HD initial step size α0 (optInitialStepSize)", alpha0, "0.001");
            SettingChecks.nonNegative("SGD-HD hypergradient step size β (optHypergradientStepSize)", rate, "0.001");
            return new HypergradientSgd(this);
        }
    }
}
