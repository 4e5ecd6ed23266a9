package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IDBD against Sutton's (1992) original per-weight loop written here in plain doubles. */
class IdbdTest {

    private static final int STEPS = 400;

    /** Sutton 1992, Figure 1, with the optional lower bound on β. */
    private static final class Reference {
        final double theta;
        final double betaMin;
        final double[] w;
        final double[] beta;
        final double[] h;
        double lastMetaGradient;

        Reference(int n, double theta, double alpha0, double betaMin) {
            this.theta = theta;
            this.betaMin = betaMin;
            w = new double[n];
            beta = new double[n];
            h = new double[n];
            java.util.Arrays.fill(beta, Math.log(alpha0));
        }

        void learn(double[] x, double y) {
            double delta = y;
            for (int i = 0; i < w.length; i++) {
                delta -= w[i] * x[i];
            }
            lastMetaGradient = 0;
            for (int i = 0; i < w.length; i++) {
                lastMetaGradient += -delta * x[i] * h[i];
                beta[i] = Math.max(beta[i] + theta * delta * x[i] * h[i], betaMin);
                double alpha = Math.exp(beta[i]);
                w[i] += alpha * delta * x[i];
                h[i] = h[i] * Math.max(0, 1 - alpha * x[i] * x[i]) + alpha * delta * x[i];
            }
        }
    }

    @Test
    void matchesSuttonsLoopOnDriftingLms() {
        runAgainstReference(0.05, 0.05, Double.NEGATIVE_INFINITY);
    }

    @Test
    void matchesSuttonsLoopWithLowerBoundOnBeta() {
        // a large θ drives some β to the bound within a few hundred steps
        runAgainstReference(0.1, 0.05, Math.log(0.04));
    }

    private static void runAgainstReference(double theta, double alpha0, double betaMin) {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        Idbd.Builder builder = Idbd.builder(layout).optMetaStepSize(theta).optInitialStepSize(alpha0);
        if (betaMin > Double.NEGATIVE_INFINITY) {
            builder.optMinLogStepSize(betaMin);
        }
        Reference ref = new Reference((int) layout.totalSize(), theta, alpha0, betaMin);
        boolean[] boundHit = new boolean[1];
        AgainstReference.PlainLearner learner = new AgainstReference.PlainLearner() {
            @Override
            public void learn(double[] x, double y) {
                ref.learn(x, y);
                for (double b : ref.beta) {
                    boundHit[0] |= b == betaMin;
                }
            }

            @Override
            public double[] weights() {
                return ref.w;
            }
        };
        try (NDManager manager = NDManager.newBaseManager(); Idbd idbd = builder.build()) {
            AgainstReference.run(manager, idbd, learner, STEPS, 7);
            List<BlockStepSize> blocks = idbd.stepSizes();
            assertEquals(2, blocks.size());
            double z = blocks.get(0).metaGradient() + blocks.get(1).metaGradient();
            assertEquals(ref.lastMetaGradient, z, 1e-9 * Math.max(1, Math.abs(z)), "last meta-gradient Σ h·g");
            double minRef = Double.POSITIVE_INFINITY;
            double maxRef = 0;
            for (int i = 0; i < 4; i++) { // the 2×2 tensor 'weight' comes first
                minRef = Math.min(minRef, Math.exp(ref.beta[i]));
                maxRef = Math.max(maxRef, Math.exp(ref.beta[i]));
            }
            assertEquals(minRef, blocks.get(0).alphaMin(), 1e-12, "smallest α of 'weight'");
            assertEquals(maxRef, blocks.get(0).alphaMax(), 1e-12, "largest α of 'weight'");
            assertTrue(betaMin > Double.NEGATIVE_INFINITY || maxRef / minRef > 1.5,
                    "the stream should separate step sizes, saw α in [" + minRef + ", " + maxRef + "]");
        }
        if (betaMin > Double.NEGATIVE_INFINITY) {
            assertTrue(boundHit[0], "test setup: θ should drive some β to the bound " + betaMin);
        }
    }

    @Test
    void reportsInitialStepSizesAndItsSettingsBeforeTheFirstStep() {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        try (Idbd idbd = Idbd.builder(layout).optMetaStepSize(0.01).optMinLogStepSize(-10).build()) {
            assertEquals(List.of(
                    new BlockStepSize("weight", 4, 0.05, Math.log(0.05), 0.05, 0.05, 0, 0),
                    new BlockStepSize("extra", 3, 0.05, Math.log(0.05), 0.05, 0.05, 0, 0)), idbd.stepSizes());
            assertEquals("idbd{theta=0.01, alpha0=0.05, betaMin=-10.0}", idbd.spec().toString());
        }
    }

    @Test
    void rejectsInvalidSettingsNamingThem() {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idbd.builder(layout).optMetaStepSize(-0.01).build());
        assertTrue(e.getMessage().contains("θ (optMetaStepSize) = -0.01"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Idbd.builder(layout).optInitialStepSize(0.01).optMinLogStepSize(-1).build());
        assertTrue(e.getMessage().contains("optMinLogStepSize) = -1.0 is above ln α0"), e.getMessage());
    }
}
