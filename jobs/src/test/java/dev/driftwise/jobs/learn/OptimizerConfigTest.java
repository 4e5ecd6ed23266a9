package dev.driftwise.jobs.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.OptimizerFactory;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The job's --optimizer text: the stream default, partial specs on top of it, what gets recorded. */
class OptimizerConfigTest {

    private static final ModelSpec LINEAR = ModelSpec.linearRegression(4);

    @Test
    void theFlagDefaultIsTheStreamDefaultSpelledOut() {
        // flipping the flag default or the map alone fails here
        String flagDefault = JobOptions.parse(new String[] {"--bootstrap", "localhost:9092"}).defaults.optimizer();
        assertEquals(OptimizerConfig.parse("metaoptimize()", LINEAR).description(),
                OptimizerConfig.parse(flagDefault, LINEAR).description());
        assertEquals("metaoptimize(base=adam,meta=lion,blocks=scalar,alpha0=1e-3,eta=1e-3,gamma=0.999,trace=hessian-free,alpha-min=3e-5)",
                OptimizerConfig.parse("metaoptimize()", LINEAR).description());
    }

    @Test
    void anOmittedSettingKeepsTheStreamDefaultAndTheRecordSaysWhatRan() {
        String d = OptimizerConfig.parse("metaoptimize(base=sgd, gamma=0.9)", LINEAR).description();
        assertEquals("metaoptimize(base=sgd,meta=lion,blocks=scalar,alpha0=1e-3,eta=1e-3,gamma=0.9,trace=hessian-free,alpha-min=3e-5)", d);
    }

    @Test
    void alphaMinNoneRemovesTheFloorAndTheRecordSaysSo() {
        assertTrue(OptimizerConfig.parse("metaoptimize(alpha-min=none)", LINEAR).description().endsWith("alpha-min=none)"),
                "alpha-min=none is recorded as run: no floor");
    }

    @Test
    void theDefaultLearnerStartsWithOneStepSizeAtAlpha0() {
        try (OnlineLearner learner = OnlineLearner.builder(LINEAR)
                .optimizer(OptimizerConfig.parse("metaoptimize()", LINEAR)).build()) {
            List<BlockStepSize> alphas = learner.stepSizes();
            assertEquals(1, alphas.size(), "scalar blocks: one step size for the model, got " + alphas);
            assertEquals(1e-3, alphas.get(0).alpha(), 1e-12, "α0 of the stream default");
        }
    }

    @Test
    void alphaMinIsAFloorTheStepSizeNeverCrossesOnANoisyStationaryStream() {
        double floorless = finalAlpha("metaoptimize(alpha0=1e-3, alpha-min=none)");
        double floored = finalAlpha("metaoptimize(alpha0=1e-3, alpha-min=9.5e-4)");
        assertTrue(floorless < 9.5e-4, "without a floor α anneals on a stationary noisy stream, got " + floorless);
        assertTrue(floored >= 9.5e-4 * (1 - 1e-9), "with alpha-min=9.5e-4 α stays at or above the floor, got " + floored);
    }

    @Test
    void theDefaultFloorHoldsWhereAFloorlessRunAnnealsBelowIt() {
        double floorless = finalAlpha("metaoptimize(alpha-min=none, eta=1e-2)", 15_000);
        double floored = finalAlpha("metaoptimize(eta=1e-2)", 15_000);
        assertTrue(floorless < 3e-5, "η = 1e-2 anneals α from 1e-3 below 3e-5 in 15,000 stationary samples, got " + floorless);
        assertEquals(3e-5, floored, 3e-5 * 1e-9, "the stream default's floor stops it at 3e-5");
    }

    @Test
    void anAlphaZeroUnderTheDefaultFloorIsKeptAndStartsThere() {
        OptimizerFactory low = OptimizerConfig.parse("metaoptimize(alpha0=1e-6)", LINEAR);
        assertTrue(low.description().endsWith("alpha0=1e-6,eta=1e-3,gamma=0.999,trace=hessian-free,alpha-min=3e-5)"), low.description());
        try (OnlineLearner learner = OnlineLearner.builder(LINEAR).optimizer(low).build()) {
            assertEquals(1e-6, learner.stepSizes().get(0).alpha(), 1e-18, "α starts at the user's α0, under the floor");
        }
    }

    /** α after {@code samples} (default 3,000) samples of y = w·x + N(0, 1) with w fixed: the meta-gradient says "smaller". */
    private static double finalAlpha(String optimizer) {
        return finalAlpha(optimizer, 3000);
    }

    private static double finalAlpha(String optimizer, int samples) {
        Random r = new Random(7);
        try (OnlineLearner learner = OnlineLearner.builder(LINEAR).optimizer(OptimizerConfig.parse(optimizer, LINEAR)).build()) {
            float[] x = new float[4];
            MicroBatch batch = new MicroBatch(1, 4);
            for (int t = 0; t < samples; t++) {
                double target = r.nextGaussian();
                for (int j = 0; j < 4; j++) {
                    x[j] = (float) r.nextGaussian();
                    target += (j + 1) * 0.5 * x[j];
                }
                learner.learn(batch.clear().add(x, target));
            }
            return learner.stepSizes().get(0).alpha();
        }
    }

    @Test
    void aBadSettingNamesTheFlagTheValueAndWhatIsAllowed() {
        OptionException e = assertThrows(OptionException.class, () -> OptimizerConfig.parse("metaoptimize(blocks=rows)", LINEAR));
        assertTrue(e.getMessage().contains("blocks=rows") && e.getMessage().contains("per-weight"), e.getMessage());
    }
}
