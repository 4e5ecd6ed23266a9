package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpecException;
import dev.driftwise.metaoptimize.spec.SpecText;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sgd-hd(rule=mult,…)} and {@code adam-hd(rule=mult,…)}: hypergradient descent with the
 * multiplicative rule, which the MetaOptimize engine cannot express (its hypergradient is normalised
 * by ‖g_t‖‖u_{t−1}‖). The additive rule is a preset of the engine.
 *
 * @param adam the base direction: Adam (standard form) when true, plain SGD otherwise
 * @param beta β, the relative change of α per step
 * @param alpha0 the initial step size
 */
public record MultiplicativeHypergradientConfig(boolean adam, double beta, double alpha0) implements OptimizerConfig {

    public static MultiplicativeHypergradientConfig of(String spec, String name, Map<String, String> settings) {
        boolean adam = name.equals("adam-hd");
        double beta = AutostepConfig.number(spec, settings, "beta", adam ? 1e-7 : 0.001);
        double alpha0 = AutostepConfig.number(spec, settings, "alpha0", 0.001);
        try {
            SettingChecks.nonNegative(name + " beta (β)", beta, adam ? "1e-7" : "0.001");
            SettingChecks.nonNegative(name + " alpha0 (α0)", alpha0, "0.001");
        } catch (IllegalArgumentException e) {
            throw new OptimizerSpecException(spec, e.getMessage());
        }
        return new MultiplicativeHypergradientConfig(adam, beta, alpha0);
    }

    private String name() {
        return adam ? "adam-hd" : "sgd-hd";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", "mult");
        m.put("beta", SpecText.number(beta));
        m.put("alpha0", SpecText.number(alpha0));
        return m;
    }

    @Override
    public String text() {
        return SpecText.of(name(), settings());
    }

    @Override
    public String label() {
        return text();
    }

    @Override
    public boolean needsDiagonalHessian() {
        return false;
    }

    @Override
    public boolean needsGradientFunction() {
        return false;
    }

    @Override
    public MultiplicativeHypergradient build(ParameterLayout layout, Engine engine, DType dtype) {
        return new MultiplicativeHypergradient(this, layout, engine, dtype);
    }

    @Override
    public String toString() {
        return text();
    }
}
