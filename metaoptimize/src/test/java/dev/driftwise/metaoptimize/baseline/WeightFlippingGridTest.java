package dev.driftwise.metaoptimize.baseline;

import dev.driftwise.metaoptimize.testing.WeightFlippingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurement behind the T1 settings (README-baselines.md), too long for every build: run with
 * {@code -Ddriftwise.measure=true -Dtest=WeightFlippingGridTest}. Prints mean ± s.e. over 5 seeds.
 */
@EnabledIfSystemProperty(named = "driftwise.measure", matches = "true")
class WeightFlippingGridTest {

    private static final int SEEDS = 5;

    @Test
    void idbdMetaStepSizes() {
        for (double theta : new double[] {0.001, 0.002, 0.005, 0.01, 0.02}) {
            print("IDBD θ=" + theta, WeightFlippingRun.meanAndStandardError(SEEDS,
                    l -> Idbd.builder(l).optMetaStepSize(theta).build()));
        }
    }

    @Test
    void autostepSettings() {
        for (double alpha0 : new double[] {0.001, 0.01, 0.05}) {
            print("Autostep α0=" + alpha0, WeightFlippingRun.meanAndStandardError(SEEDS,
                    l -> Autostep.builder(l).optInitialStepSize(alpha0).build()));
        }
        for (double mu : new double[] {0.03, 0.1}) {
            print("Autostep μ=" + mu, WeightFlippingRun.meanAndStandardError(SEEDS,
                    l -> Autostep.builder(l).optMetaStepSize(mu).build()));
        }
    }

    @Test
    void hypergradientSettings() {
        for (double beta : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7}) {
            print("SGD-HD α0=0.001 β=" + beta, WeightFlippingRun.meanAndStandardError(SEEDS,
                    l -> HypergradientSgd.builder(l).optHypergradientStepSize(beta).build()));
        }
        print("SGD-HD multiplicative β=0.02", WeightFlippingRun.meanAndStandardError(SEEDS,
                l -> HypergradientSgd.builder(l).optRule(HypergradientRule.MULTIPLICATIVE).optHypergradientStepSize(0.02).build()));
        print("Adam-HD defaults", WeightFlippingRun.meanAndStandardError(SEEDS, l -> HypergradientAdam.builder(l).build()));
        print("Adam-HD α0=0.01", WeightFlippingRun.meanAndStandardError(SEEDS,
                l -> HypergradientAdam.builder(l).optInitialStepSize(0.01).build()));
    }

    /** Best fixed-step LMS on the same streams, in plain doubles: the bar of docs/benchmarks.md. */
    @Test
    void fixedStepLms() {
        for (int k = 2; k <= 8; k++) {
            double alpha = Math.pow(2, -k);
            double[] scores = new double[SEEDS];
            for (int s = 0; s < SEEDS; s++) {
                WeightFlippingTask task = new WeightFlippingTask(s + 1);
                double[] w = new double[WeightFlippingTask.INPUTS];
                double[] x = new double[WeightFlippingTask.INPUTS];
                double sum = 0;
                for (int t = 0; t < WeightFlippingRun.SAMPLES; t++) {
                    double y = task.next(x);
                    double err = y - AgainstReference.dot(w, x);
                    if (t >= WeightFlippingRun.SCORED_FROM) {
                        sum += err * err;
                    }
                    for (int i = 0; i < w.length; i++) {
                        w[i] += alpha * err * x[i];
                    }
                }
                scores[s] = sum / (WeightFlippingRun.SAMPLES - WeightFlippingRun.SCORED_FROM);
            }
            print("LMS α=2^-" + k, WeightFlippingRun.meanAndStandardError(scores));
        }
    }

    private static void print(String what, double[] r) {
        System.out.printf("T1 %-32s MSE %.3f ± %.3f (%d seeds)%n", what, r[0], r[1], SEEDS);
    }
}
