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
 * {@code autostep(mu=…,tau=…,alpha0=…)}: Autostep's settings, defaults the paper's.
 *
 * @param mu μ, the meta step size (0.01)
 * @param tau τ, how slowly v forgets a large |δ x h| (10⁴)
 * @param alpha0 initial step size of every weight (0.05, as for IDBD; the paper leaves it to the user)
 */
public record AutostepConfig(double mu, double tau, double alpha0) implements OptimizerConfig {

    public static final double DEFAULT_META_STEP_SIZE = 0.01;
    public static final double DEFAULT_TIME_SCALE = 10_000;
    public static final double DEFAULT_INITIAL_STEP_SIZE = 0.05;

    /** From a spec's settings ({@code mu}, {@code tau}, {@code alpha0}), each checked. */
    public static AutostepConfig of(String spec, Map<String, String> settings) {
        double mu = number(spec, settings, "mu", DEFAULT_META_STEP_SIZE);
        double tau = number(spec, settings, "tau", DEFAULT_TIME_SCALE);
        double alpha0 = number(spec, settings, "alpha0", DEFAULT_INITIAL_STEP_SIZE);
        try {
            SettingChecks.positive("autostep mu (μ)", mu, "0.01");
            SettingChecks.atLeast("autostep tau (τ)", tau, 1, "10000");
            SettingChecks.positive("autostep alpha0 (α0)", alpha0, "0.001 to 0.1");
        } catch (IllegalArgumentException e) {
            throw new OptimizerSpecException(spec, e.getMessage());
        }
        return new AutostepConfig(mu, tau, alpha0);
    }

    static double number(String spec, Map<String, String> settings, String key, double fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new OptimizerSpecException(spec, key + "=" + v + " is not a number");
        }
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mu", SpecText.number(mu));
        m.put("tau", SpecText.number(tau));
        m.put("alpha0", SpecText.number(alpha0));
        return m;
    }

    @Override
    public String text() {
        return SpecText.of("autostep", settings());
    }

    @Override
    public String label() {
        Map<String, String> m = new LinkedHashMap<>();
        if (mu != DEFAULT_META_STEP_SIZE) {
            m.put("mu", SpecText.number(mu));
        }
        if (tau != DEFAULT_TIME_SCALE) {
            m.put("tau", SpecText.number(tau));
        }
        if (alpha0 != DEFAULT_INITIAL_STEP_SIZE) {
            m.put("alpha0", SpecText.number(alpha0));
        }
        return SpecText.of("autostep", m);
    }

    @Override
    public boolean needsDiagonalHessian() {
        return true;
    }

    @Override
    public boolean needsGradientFunction() {
        return false;
    }

    @Override
    public Autostep build(ParameterLayout layout, Engine engine, DType dtype) {
        return new Autostep(this, layout, engine, dtype);
    }

    @Override
    public String toString() {
        return text();
    }
}
