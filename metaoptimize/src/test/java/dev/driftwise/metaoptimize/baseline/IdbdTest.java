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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code idbd} preset of MetaOptimize against Sutton's (1992) original per-weight loop written here in plain doubles. */
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

    private static OnlineOptimizer idbd(Engine e, String settings) {
        return OptimizerSpec.parse("idbd(" + settings + ")").resolve(ModelFacts.NONE)
                .build(LinearSquaredLoss.twoTensors(), e, DType.FLOAT64);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void matchesSuttonsLoopOnDriftingLms(EngineKind kind) {
        runAgainstReference(kind, 0.05, 0.05, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void matchesSuttonsLoopWithLowerBoundOnBeta(EngineKind kind) {
        // a large θ drives some β to the bound within a few hundred steps
        runAgainstReference(kind, 0.1, 0.05, Math.log(0.04));
    }

    private static void runAgainstReference(EngineKind kind, double theta, double alpha0, double betaMin) {
        ParameterLayout layout = LinearSquaredLoss.twoTensors();
        String settings = "theta=" + theta + ",alpha0=" + alpha0
                + (betaMin > Double.NEGATIVE_INFINITY ? ",alpha-min=" + Math.exp(betaMin) : "");
        Reference ref = new Reference(layout.totalSize(), theta, alpha0, betaMin);
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
        try (Engine e = kind.open(); OnlineOptimizer idbd = idbd(e, settings)) {
            AgainstReference.run(idbd, learner, STEPS, 7);
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
        try (Engine e = EngineKind.JVM.open(); OnlineOptimizer idbd = idbd(e, "theta=0.01,alpha-min=4.5e-5")) {
            List<BlockStepSize> sizes = idbd.stepSizes();
            assertEquals(List.of("weight", "extra"), sizes.stream().map(BlockStepSize::block).toList());
            for (BlockStepSize s : sizes) {
                assertEquals(0.05, s.alphaMin(), 1e-15, s.block() + ": every α starts at α0");
                assertEquals(0.05, s.alphaMax(), 1e-15, s.block() + ": every α starts at α0");
                assertEquals(0, s.traceNorm(), 0, s.block() + ": the trace starts at 0");
            }
            assertEquals("idbd(theta=0.01,alpha-min=4.5e-5)", idbd.config().label());
            assertEquals("metaoptimize(base=sgd,kappa=0,meta=sgd,eta=0.01,alpha0=0.05,gamma=1,blocks=per-weight,"
                    + "trace=diagonal-hessian,step-size-map=exp,alpha-timing=after-meta,alpha-min=4.5e-5,alpha-max=none,"
                    + "skip-non-finite=false,stability-cap=false)", idbd.config().text());
        }
    }

    @Test
    void rejectsInvalidSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.parse("idbd(theta=-0.01)").resolve(ModelFacts.NONE));
        assertTrue(e.getMessage().contains("metaStepSize (η) = -0.01"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("idbd(mu=0.01)").resolve(ModelFacts.NONE));
        assertTrue(e.getMessage().contains("'mu' is not a setting of idbd; it takes theta, alpha0, alpha-min"), e.getMessage());
    }
}
