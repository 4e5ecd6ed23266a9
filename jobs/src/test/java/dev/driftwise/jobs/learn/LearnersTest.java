package dev.driftwise.jobs.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the job builds from --model and --optimizer: the learner's spec language, refused with the flag's name when wrong. */
class LearnersTest {

    private static Learner build(String model, String optimizer) {
        return new Learners().create(new LearnerSettings(model, optimizer, 1, "cpu", "auto", 1000, 0.999));
    }

    @Test
    void theFlagDefaultIsDefaultAndTheLearnerRecordsWhatItResolvedTo() {
        String flagDefault = JobOptions.parse("--bootstrap", "localhost:9092").defaults.optimizer();
        assertEquals("default", flagDefault);
        try (Learner learner = build("linear:4", flagDefault)) {
            String recorded = learner.status().optimizer();
            assertTrue(recorded.startsWith("metaoptimize(base="), "the concrete configuration, not 'default': " + recorded);
            assertEquals(recorded, OptimizerSpec.parse("default").resolve(ModelSpec.parse("linear:4").facts()).text());
            assertEquals(recorded, learner.snapshot().optimizer(), "the snapshot carries the same text");
        }
    }

    @Test
    void aPartialDefaultChangesOnlyWhatItNames() {
        ModelFacts facts = ModelSpec.parse("linear:4").facts();
        var plain = OptimizerSpec.parse("default").resolve(facts).settings();
        var perWeight = OptimizerSpec.parse("default(blocks=per-weight)").resolve(facts).settings();
        assertEquals("per-weight", perWeight.get("blocks"));
        perWeight.forEach((key, value) -> {
            if (!key.equals("blocks")) {
                assertEquals(plain.get(key), value, key + " is the default's");
            }
        });
    }

    @Test
    void anAlphaFloorHoldsWhereAFloorlessRunAnnealsBelowIt() {
        double floorless = finalAlpha("metaoptimize(alpha0=1e-3,alpha-min=none,eta=1e-2)", 15_000);
        double floored = finalAlpha("metaoptimize(alpha0=1e-3,alpha-min=3e-5,eta=1e-2)", 15_000);
        assertTrue(floorless < 3e-5, "η = 1e-2 anneals α from 1e-3 below 3e-5 in 15,000 stationary samples, got " + floorless);
        assertEquals(3e-5, floored, 3e-5 * 1e-9, "alpha-min=3e-5 stops it there");
    }

    /** α after {@code samples} samples of y = w·x + N(0, 1) with w fixed: the meta-gradient says "smaller". */
    private static double finalAlpha(String optimizer, int samples) {
        Random r = new Random(7);
        try (Learner learner = build("linear:4", optimizer)) {
            float[] x = new float[4];
            MicroBatch batch = learner.newBatch(1);
            for (int t = 0; t < samples; t++) {
                double target = r.nextGaussian();
                for (int j = 0; j < 4; j++) {
                    x[j] = (float) r.nextGaussian();
                    target += (j + 1) * 0.5 * x[j];
                }
                learner.learn(batch.clear().add(x, target));
            }
            return learner.status().alphas()[0];
        }
    }

    @Test
    void badSpecsNameTheFlagTheValueAndWhatIsAllowed() {
        OptionException e = assertThrows(OptionException.class, () -> build("linear:4", "metaoptimize(blocks=rows)"));
        assertTrue(e.getMessage().startsWith("--optimizer 'metaoptimize(blocks=rows)'") && e.getMessage().contains("per-weight"),
                e.getMessage());
        e = assertThrows(OptionException.class, () -> build("linear:4", "mo:adam/lion/scalar/hf"));
        assertTrue(e.getMessage().contains("write metaoptimize(base=adam,meta=lion,blocks=scalar,trace=hessian-free)"),
                "an old spelling shows the new one: " + e.getMessage());
        e = assertThrows(OptionException.class, () -> build("mlp:4-8-1", "idbd"));
        assertTrue(e.getMessage().contains("diagonal Hessian"), e.getMessage());
        e = assertThrows(OptionException.class, () -> build("tree:4", "default"));
        assertTrue(e.getMessage().startsWith("--model 'tree:4'"), e.getMessage());
    }
}
