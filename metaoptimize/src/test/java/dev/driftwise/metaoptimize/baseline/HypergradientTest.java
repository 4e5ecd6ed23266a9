package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.MetaOptimizeConfig;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.testing.EngineKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SGD-HD and Adam-HD against Algorithms 2 and 3 of Baydin et al. (2018), in plain doubles: the additive
 * rule as presets of MetaOptimize (σ identity, γ = 0, meta SGD), the multiplicative one as its own class.
 */
class HypergradientTest {

    private static final int STEPS = 400;

    /** SGD-HD, additive or multiplicative. */
    private static final class SgdHd implements AgainstReference.PlainLearner {
        final double beta;
        final boolean multiplicative;
        final double[] w;
        final double[] previous;
        double alpha;
        double lastDot;

        SgdHd(int n, double alpha0, double beta, boolean multiplicative) {
            this.beta = beta;
            this.multiplicative = multiplicative;
            this.alpha = alpha0;
            w = new double[n];
            previous = new double[n];
        }

        @Override
        public void learn(double[] x, double y) {
            double error = AgainstReference.dot(w, x) - y;
            double[] g = new double[w.length];
            double dot = 0;
            double gg = 0;
            double pp = 0;
            for (int i = 0; i < w.length; i++) {
                g[i] = error * x[i];
                dot += g[i] * previous[i];
                gg += g[i] * g[i];
                pp += previous[i] * previous[i];
            }
            if (!multiplicative) {
                alpha += beta * dot; // α_t = α_{t−1} − β h_t, h_t = −g_tᵀg_{t−1}
            } else if (gg > 0 && pp > 0) {
                alpha *= 1 + beta * dot / Math.sqrt(gg * pp);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= alpha * g[i];
                previous[i] = g[i];
            }
            lastDot = dot;
        }

        @Override
        public double[] weights() {
            return w;
        }
    }

    /** Adam-HD, the paper's Algorithm 3 (additive). */
    private static final class AdamHd implements AgainstReference.PlainLearner {
        final double beta;
        final double b1 = 0.9;
        final double b2 = 0.999;
        final double eps = 1e-8;
        final double[] w;
        final double[] m;
        final double[] v;
        final double[] u;
        double alpha;
        int t;

        AdamHd(int n, double alpha0, double beta) {
            this.beta = beta;
            this.alpha = alpha0;
            w = new double[n];
            m = new double[n];
            v = new double[n];
            u = new double[n];
        }

        @Override
        public void learn(double[] x, double y) {
            double error = AgainstReference.dot(w, x) - y;
            t++;
            double dot = 0;
            for (int i = 0; i < w.length; i++) {
                dot += error * x[i] * u[i];
            }
            alpha += beta * dot;
            for (int i = 0; i < w.length; i++) {
                double g = error * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                u[i] = mHat / (Math.sqrt(vHat) + eps);
                w[i] -= alpha * u[i];
            }
        }

        @Override
        public double[] weights() {
            return w;
        }
    }

    private static OnlineOptimizer hd(Engine e, String spec) {
        return OptimizerSpec.parse(spec).resolve(ModelFacts.NONE).build(LinearSquaredLoss.twoTensors(), e, DType.FLOAT64);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sgdHdMatchesAlgorithm2(EngineKind kind) {
        // β = 1e-4: with the paper's 1e-3 α grows past the stability limit of this stream and diverges
        SgdHd ref = new SgdHd(LinearSquaredLoss.twoTensors().totalSize(), 0.01, 1e-4, false);
        try (Engine e = kind.open(); OnlineOptimizer hd = hd(e, "sgd-hd(beta=1e-4,alpha0=0.01)")) {
            AgainstReference.run(hd, ref, STEPS, 21);
            List<BlockStepSize> blocks = hd.stepSizes();
            assertEquals(1, blocks.size());
            assertEquals("all", blocks.get(0).block());
            assertEquals(ref.alpha, hd.alphas()[0], 1e-12, "α after " + STEPS + " steps");
            assertEquals(ref.alpha, blocks.get(0).alpha(), 1e-12, "reported α");
            assertEquals(-ref.lastDot, blocks.get(0).metaGradient(), 1e-9 * Math.max(1, Math.abs(ref.lastDot)),
                    "reported meta-gradient z = −g_tᵀg_{t−1}");
            assertTrue(Math.abs(ref.alpha - 0.01) > 1e-3, "test setup: α should have moved from 0.01, is " + ref.alpha);
            assertTrue(hd.config() instanceof MetaOptimizeConfig, "additive HD is a preset of the engine");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sgdHdMultiplicativeRuleMatchesReference(EngineKind kind) {
        SgdHd ref = new SgdHd(LinearSquaredLoss.twoTensors().totalSize(), 0.01, 0.02, true);
        try (Engine e = kind.open(); OnlineOptimizer hd = hd(e, "sgd-hd(rule=mult,beta=0.02,alpha0=0.01)")) {
            AgainstReference.run(hd, ref, STEPS, 22);
            assertEquals(ref.alpha, hd.alphas()[0], 1e-12, "α after " + STEPS + " steps");
            assertTrue(Math.abs(ref.alpha / 0.01 - 1) > 0.1, "test setup: α should have moved from 0.01, is " + ref.alpha);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void adamHdMatchesAlgorithm3(EngineKind kind) {
        // β = 1e-4 instead of the paper's 1e-7 so that α moves measurably within 400 steps
        AdamHd ref = new AdamHd(LinearSquaredLoss.twoTensors().totalSize(), 0.01, 1e-4);
        try (Engine e = kind.open(); OnlineOptimizer hd = hd(e, "adam-hd(beta=1e-4,alpha0=0.01)")) {
            AgainstReference.run(hd, ref, STEPS, 23);
            assertEquals(ref.alpha, hd.alphas()[0], 1e-12, "α after " + STEPS + " steps");
            assertTrue(Math.abs(ref.alpha - 0.01) > 1e-3, "test setup: α should have moved from 0.01, is " + ref.alpha);
        }
    }

    @Test
    void defaultsAreThePapersAndBadSettingsAreNamed() {
        OptimizerConfig sgd = OptimizerSpec.parse("sgd-hd").resolve(ModelFacts.NONE);
        OptimizerConfig adam = OptimizerSpec.parse("adam-hd").resolve(ModelFacts.NONE);
        assertEquals("sgd-hd", sgd.label());
        assertEquals("adam-hd", adam.label());
        assertEquals("0.001", sgd.settings().get("eta"), "β = 1e-3 for SGD-HD");
        assertEquals("1e-7", adam.settings().get("eta"), "β = 1e-7 for Adam-HD");
        assertEquals("0.001", adam.settings().get("alpha0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.parse("adam-hd(rule=sideways)").resolve(ModelFacts.NONE));
        assertTrue(e.getMessage().contains("rule=sideways is not add (additive, the default) or mult"), e.getMessage());
    }
}
