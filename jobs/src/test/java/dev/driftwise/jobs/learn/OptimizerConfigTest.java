package dev.driftwise.jobs.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;
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
        assertEquals("metaoptimize(base=adam,meta=lion,blocks=scalar,alpha0=1e-3,eta=1e-3,gamma=0.999,trace=hessian-free)",
                OptimizerConfig.parse("metaoptimize()", LINEAR).description());
    }

    @Test
    void anOmittedSettingKeepsTheStreamDefaultAndTheRecordSaysWhatRan() {
        String d = OptimizerConfig.parse("metaoptimize(base=sgd, gamma=0.9)", LINEAR).description();
        assertEquals("metaoptimize(base=sgd,meta=lion,blocks=scalar,alpha0=1e-3,eta=1e-3,gamma=0.9,trace=hessian-free)", d);
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
    void aBadSettingNamesTheFlagTheValueAndWhatIsAllowed() {
        OptionException e = assertThrows(OptionException.class, () -> OptimizerConfig.parse("metaoptimize(blocks=rows)", LINEAR));
        assertTrue(e.getMessage().contains("blocks=rows") && e.getMessage().contains("per-weight"), e.getMessage());
    }
}
