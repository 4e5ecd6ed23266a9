package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.testing.EngineKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Autostep against Table 1 of Mahmood et al. (2012), written here per weight in plain doubles. */
class AutostepTest {

    private static final int STEPS = 400;

    private static final class Reference implements AgainstReference.PlainLearner {
        final double mu;
        final double tau;
        final double[] w;
        final double[] alpha;
        final double[] v;
        final double[] h;
        int normalisedSteps;

        Reference(int n, double mu, double tau, double alpha0) {
            this.mu = mu;
            this.tau = tau;
            w = new double[n];
            alpha = new double[n];
            v = new double[n];
            h = new double[n];
            Arrays.fill(alpha, alpha0);
        }

        @Override
        public void learn(double[] x, double y) {
            double delta = y - AgainstReference.dot(w, x);
            for (int i = 0; i < w.length; i++) {
                double dxh = delta * x[i] * h[i];
                v[i] = Math.max(Math.abs(dxh), v[i] + alpha[i] * x[i] * x[i] * (Math.abs(dxh) - v[i]) / tau);
                if (v[i] != 0) {
                    alpha[i] *= Math.exp(mu * dxh / v[i]);
                }
            }
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += alpha[i] * x[i] * x[i];
            }
            double m = Math.max(sum, 1);
            normalisedSteps += m > 1 ? 1 : 0;
            for (int i = 0; i < w.length; i++) {
                alpha[i] /= m;
                w[i] += alpha[i] * delta * x[i];
                h[i] = h[i] * (1 - alpha[i] * x[i] * x[i]) + alpha[i] * delta * x[i];
            }
        }

        @Override
        public double[] weights() {
            return w;
        }
    }

    private static OnlineOptimizer autostep(Engine e, String spec) {
        return OptimizerSpec.parse(spec).resolve(ModelFacts.NONE).build(LinearSquaredLoss.twoTensors(), e, DType.FLOAT64);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void matchesThePapersTableOnDriftingLms(EngineKind kind) {
        // μ = 0.1 and τ = 100 instead of 0.01 and 10⁴ so that α and v move within 400 steps
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        Reference ref = new Reference(layout.totalSize(), 0.1, 100, 0.05);
        try (Engine e = kind.open(); OnlineOptimizer autostep = autostep(e, "autostep(mu=0.1,tau=100)")) {
            AgainstReference.run(autostep, ref, STEPS, 11);
            List<BlockStepSize> blocks = autostep.stepSizes();
            double minRef = Double.POSITIVE_INFINITY;
            double maxRef = 0;
            for (int i = 4; i < 7; i++) { // 'extra' comes after the 2×2 'weight'
                minRef = Math.min(minRef, ref.alpha[i]);
                maxRef = Math.max(maxRef, ref.alpha[i]);
            }
            assertEquals(minRef, blocks.get(1).alphaMin(), 1e-12 * maxRef, "smallest α of 'extra'");
            assertEquals(maxRef, blocks.get(1).alphaMax(), 1e-12 * maxRef, "largest α of 'extra'");
            assertTrue(maxRef / minRef > 1.5, "the stream should separate step sizes, saw α in [" + minRef + ", " + maxRef + "]");
        }
        assertTrue(ref.normalisedSteps > 0, "test setup: the normaliser M should act at least once");
    }

    @Test
    void normaliserSpansBothTensorsFromLargeInitialSteps() {
        // α0 = 0.5 on 7 inputs: Σ α x² > 1 from the first sample; a per-tensor normaliser would
        // leave different weights than the reference's sum over the whole input vector
        Reference ref = new Reference(LinearSquaredLoss.twoTensors().totalSize(), 0.01, 10_000, 0.5);
        try (Engine e = EngineKind.JVM.open(); OnlineOptimizer autostep = autostep(e, "autostep(alpha0=0.5)")) {
            AgainstReference.run(autostep, ref, 200, 12);
        }
        assertTrue(ref.normalisedSteps > 0, "test setup: M should act, acted " + ref.normalisedSteps + " times");
    }

    @Test
    void rejectsInvalidSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.parse("autostep(tau=0.5)").resolve(ModelFacts.NONE));
        assertTrue(e.getMessage().contains("autostep tau (τ) = 0.5"), e.getMessage());
    }
}
