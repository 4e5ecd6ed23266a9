package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD-HD and Adam-HD against Algorithms 2 and 3 of Baydin et al. (2018), in plain doubles. */
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

    @Test
    void sgdHdMatchesAlgorithm2() {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        // β = 1e-4: with the paper's 1e-3 α grows past the stability limit of this stream and diverges
        SgdHd ref = new SgdHd((int) layout.totalSize(), 0.01, 1e-4, false);
        try (NDManager manager = NDManager.newBaseManager();
                HypergradientSgd hd = HypergradientSgd.builder(layout).optInitialStepSize(0.01)
                        .optHypergradientStepSize(1e-4).build()) {
            AgainstReference.run(manager, hd, ref, STEPS, 21);
            List<BlockStepSize> blocks = hd.stepSizes();
            assertEquals(1, blocks.size());
            assertEquals("all", blocks.get(0).block());
            assertEquals(ref.alpha, hd.stepSize(), 1e-12, "α after " + STEPS + " steps");
            assertEquals(ref.alpha, blocks.get(0).alpha(), 1e-12, "reported α");
            assertEquals(-ref.lastDot, blocks.get(0).metaGradient(), 1e-9 * Math.max(1, Math.abs(ref.lastDot)),
                    "reported meta-gradient z = −g_tᵀg_{t−1}");
            assertTrue(Math.abs(ref.alpha - 0.01) > 1e-3, "test setup: α should have moved from 0.01, is " + ref.alpha);
        }
    }

    @Test
    void sgdHdMultiplicativeRuleMatchesReference() {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        SgdHd ref = new SgdHd((int) layout.totalSize(), 0.01, 0.02, true);
        try (NDManager manager = NDManager.newBaseManager();
                HypergradientSgd hd = HypergradientSgd.builder(layout).optInitialStepSize(0.01)
                        .optHypergradientStepSize(0.02).optRule(HypergradientRule.MULTIPLICATIVE).build()) {
            AgainstReference.run(manager, hd, ref, STEPS, 22);
            assertEquals(ref.alpha, hd.stepSize(), 1e-12, "α after " + STEPS + " steps");
            assertTrue(Math.abs(ref.alpha / 0.01 - 1) > 0.1, "test setup: α should have moved from 0.01, is " + ref.alpha);
        }
    }

    @Test
    void adamHdMatchesAlgorithm3() {
        // β = 1e-4 instead of the paper's 1e-7 so that α moves measurably within 400 steps
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        AdamHd ref = new AdamHd((int) layout.totalSize(), 0.01, 1e-4);
        try (NDManager manager = NDManager.newBaseManager();
                HypergradientAdam hd = HypergradientAdam.builder(layout).optInitialStepSize(0.01)
                        .optHypergradientStepSize(1e-4).build()) {
            AgainstReference.run(manager, hd, ref, STEPS, 23);
            assertEquals(ref.alpha, hd.stepSize(), 1e-12, "α after " + STEPS + " steps");
            assertTrue(Math.abs(ref.alpha - 0.01) > 1e-3, "test setup: α should have moved from 0.01, is " + ref.alpha);
        }
    }

    @Test
    void defaultsAreThePapersAndInvalidSettingsAreNamed() {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        try (HypergradientSgd sgd = HypergradientSgd.builder(layout).build();
                HypergradientAdam adam = HypergradientAdam.builder(layout).build()) {
            assertEquals("sgd-hd{alpha0=0.001, hypergradientStepSize=0.001, rule=additive}", sgd.spec().toString());
            assertEquals("adam-hd{alpha0=0.001, hypergradientStepSize=1.0E-7, rule=additive, beta1=0.9, beta2=0.999, "
                    + "epsilon=1.0E-8}", adam.spec().toString());
            assertNotEquals(sgd.spec(), adam.spec());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HypergradientAdam.builder(layout).optBeta2(1.0).build());
        assertTrue(e.getMessage().contains("β2 (optBeta2) = 1.0") && e.getMessage().contains("[0, 1)"), e.getMessage());
    }
}
