package dev.driftwise.metaoptimize.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * T1 (Sutton 1992's weight flipping, 30,000 samples, MSE over the last 10,000, 5 seeds) for every
 * baseline and for MetaOptimize: the published levels, which only a working step-size method reaches.
 */
class WeightFlippingBaselinesTest {

    private static final int SEEDS = 5;

    private static double measure(String spec) {
        long start = System.nanoTime();
        double[] r = WeightFlippingRun.meanAndStandardError(SEEDS, spec);
        System.out.printf("T1 %s: MSE %.3f ± %.3f (%d seeds; %.1f s)%n", spec, r[0], r[1], SEEDS, (System.nanoTime() - start) / 1e9);
        return r[0];
    }

    @Test
    void idbdNearSuttonsResult() {
        // θ = 0.01: the best of the grid {0.001, 0.002, 0.005, 0.01, 0.02} (docs/benchmarks.md, "Measurements moved from the module READMEs", metaoptimize)
        double mse = measure("idbd(theta=0.01)");
        assertTrue(mse >= 1.4 && mse <= 1.7, "IDBD on T1: expected MSE in [1.4, 1.7] (Sutton 1992 ≈ 1.5), saw " + mse);
    }

    @Test
    void autostepWellBelowTheBestFixedStep() {
        double mse = measure("autostep");
        assertTrue(mse >= 1.4 && mse <= 2.6, "Autostep on T1: expected MSE in [1.4, 2.6], well below fixed LMS 3.38, saw " + mse);
    }

    @Test
    void sgdHdCannotBeatTheScalarBound() {
        // one scalar α cannot separate relevant from irrelevant inputs: ≈ the best fixed step at best.
        // β = 1e-6: the paper's β = 1e-3 (and 1e-4 on 2 of 5 seeds) drives α past stability and diverges here
        double mse = measure("sgd-hd(beta=1e-6)");
        assertTrue(mse >= 3.3 && mse <= 4.2,
                "SGD-HD on T1: expected MSE in [3.3, 4.2] (no better than the best fixed step 3.38, no divergence), saw " + mse);
    }

    @Test
    void perWeightMetaOptimizeBeatsTheBestFixedStepAndScalarCannot() {
        // benchmarks.md: Hessian-free trace, Lion meta η = 1e-3, γ = 0.9
        double perWeight = measure("metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9,alpha0=0.01)");
        double scalar = measure("metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9,alpha0=0.01)");
        double bestFixed = Double.POSITIVE_INFINITY;
        for (double alpha : new double[] {0.02, 0.04, 0.08}) {
            bestFixed = Math.min(bestFixed, measure("sgd(lr=" + alpha + ")"));
        }
        String summary = String.format("per-weight %.3f; scalar %.3f; best fixed LMS %.3f", perWeight, scalar, bestFixed);
        assertTrue(perWeight <= 1.7, "per-weight MetaOptimize must reach MSE ≤ 1.7: " + summary);
        assertTrue(bestFixed >= 3.2 && bestFixed <= 3.7, "best fixed LMS must land in [3.2, 3.7]: " + summary);
        assertTrue(scalar >= 3.2, "a scalar step size cannot separate relevant from irrelevant inputs: " + summary);
    }
}
