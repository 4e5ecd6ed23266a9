package dev.driftwise.metaoptimize.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.AlphaTiming;
import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.MetaOptimizeConfig;
import dev.driftwise.metaoptimize.StepSizeMap;
import dev.driftwise.metaoptimize.base.AdamForm;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAdamForm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.FullTraceApproximation;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One spelling per configuration: parse, write, parse again, for every configuration the engine takes. */
class OptimizerSpecTest {

    private static final ModelFacts LINEAR = new ModelFacts("linear", "regression", 21, true);

    /** Every base × meta × granularity × trace the engine accepts, with non-default numbers sprinkled in. */
    static Stream<MetaOptimizeConfig> everyConfiguration() {
        List<MetaOptimizeConfig> out = new ArrayList<>();
        StepSizeBlocks[] blocks = {StepSizeBlocks.scalar(), StepSizeBlocks.perTensor(), StepSizeBlocks.perLayer(),
            StepSizeBlocks.perWeight(), StepSizeBlocks.explicit(Map.of("body", List.of("layer0.*", "layer1.*")))};
        int i = 0;
        for (BaseAlgorithm base : BaseAlgorithm.values()) {
            for (MetaAlgorithm meta : MetaAlgorithm.values()) {
                for (StepSizeBlocks b : blocks) {
                    for (TraceKind trace : TraceKind.values()) {
                        i++;
                        MetaOptimizeBuilder builder = MetaOptimize.builder().optBase(base).optMeta(meta).optBlocks(b)
                                .optTrace(trace).optInitialStepSize(i * 1e-5).optMetaStepSize(1e-3 * (1 + i % 7))
                                .optDiscount(i % 3 == 0 ? 1 : 0.99).optWeightDecay(i % 4 == 0 ? 0.1 : 0)
                                .optAdamForm(i % 2 == 0 ? AdamForm.CODE : AdamForm.STANDARD)
                                .optMetaAdamForm(i % 5 == 0 ? MetaAdamForm.PAPER : MetaAdamForm.CODE)
                                .optStepSizeMap(i % 11 == 0 ? StepSizeMap.IDENTITY : StepSizeMap.EXP)
                                .optAlphaTiming(i % 2 == 1 ? AlphaTiming.AFTER_META : AlphaTiming.BEFORE_META)
                                .optStepSizeBounds(i % 3 == 1 ? 3e-5 : Double.NaN, i % 5 == 2 ? 0.5 : Double.NaN)
                                .optSkipNonFinite(i % 6 == 0).optFullTraceApproximation(i % 2 == 0 ? FullTraceApproximation.L
                                        : FullTraceApproximation.TWO_BY_TWO).optHvpStep(i % 4 == 1 ? 1e-4 : Double.NaN);
                        try {
                            out.add(builder.config());
                        } catch (IllegalArgumentException e) {
                            // a combination the engine refuses (e.g. FULL with per-weight): nothing to spell
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("everyConfiguration")
    void textAndLabelParseBackToTheSameConfiguration(MetaOptimizeConfig config) {
        assertEquals(config, OptimizerSpec.parse(config.text()).resolve(ModelFacts.NONE), "full text " + config.text());
        assertEquals(config, OptimizerSpec.parse(config.label()).resolve(ModelFacts.NONE), "label " + config.label());
        assertTrue(config.label().length() <= config.text().length(), config.label());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr=0.01)", "adam(lr=1e-3)", "adam(lr=0.001,form=code,kappa=0.1)", "lion(lr=1e-4,c=0.95)",
        "sgdm(lr=0.1,rho=0.5)", "rmsprop(lr=0.01)", "idbd", "idbd(theta=0.01,alpha0=0.1)", "sgd-hd(beta=1e-4)",
        "adam-hd", "autostep(mu=0.05)", "sgd-hd(rule=mult,beta=0.02)", "paper-adamw-lion", "paper-continual(blocks=per-layer)",
        "metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9)", "default", "default(blocks=per-weight)",
        "metaoptimize(blocks=(head:layer1.*;body:layer0.*))"})
    void presetsRoundTripAndKeepTheirSpelling(String spec) {
        OptimizerConfig config = OptimizerSpec.parse(spec).resolve(LINEAR);
        assertEquals(config, OptimizerSpec.parse(config.text()).resolve(ModelFacts.NONE), spec + " → " + config.text());
        assertEquals(config, OptimizerSpec.parse(config.label()).resolve(ModelFacts.NONE), spec + " → " + config.label());
    }

    @Test
    void presetsAreTheEngineWithTheirPapersSettings() {
        assertEquals("sgd(lr=0.01)", label("sgd(lr=0.01)"));
        assertEquals("adam(lr=0.001)", label("ADAM( lr = 1e-3 )"), "case and spaces do not matter");
        assertEquals("idbd(theta=0.01)", label("metaoptimize(base=sgd,meta=sgd,eta=0.01,alpha0=0.05,gamma=1,"
                + "blocks=per-weight,trace=diagonal-hessian,alpha-timing=after-meta)"), "IDBD is a preset of the engine");
        assertEquals("sgd-hd", label("metaoptimize(base=sgd,meta=sgd,eta=0.001,alpha0=0.001,gamma=0,"
                + "trace=hessian-free,step-size-map=identity,alpha-timing=after-meta)"), "SGD-HD is a preset of the engine");
        MetaOptimizeConfig adam = (MetaOptimizeConfig) OptimizerSpec.parse("adam(lr=0.001)").resolve(ModelFacts.NONE);
        assertEquals(MetaAlgorithm.FIXED, adam.meta());
        assertEquals(TraceKind.NONE, adam.trace(), "a fixed step runs as exactly the base optimizer");
        assertEquals(AdamForm.STANDARD, adam.adamForm(), "adam(...) is standard Adam");
        MetaOptimizeConfig paper = (MetaOptimizeConfig) OptimizerSpec.parse("paper-adamw-lion").resolve(ModelFacts.NONE);
        assertEquals(1e-6, paper.initialStepSize());
        assertEquals(0.1, paper.weightDecay());
        assertEquals(1.0, paper.discount());
    }

    @Test
    void defaultNeedsTheModelAndRecordsWhatItResolvedTo() {
        OptimizerSpecException e = assertThrows(OptimizerSpecException.class,
                () -> OptimizerSpec.parse("default").resolve(ModelFacts.NONE));
        assertTrue(e.getMessage().contains("default is chosen from the model"), e.getMessage());
        OptimizerConfig resolved = OptimizerSpec.parse("default").resolve(LINEAR);
        assertTrue(resolved.text().startsWith("metaoptimize("), "a snapshot records the concrete configuration: " + resolved.text());
        assertEquals(resolved, OptimizerSpec.parse(resolved.text()).resolve(ModelFacts.NONE));
        OptimizerConfig override = OptimizerSpec.parse("default(blocks=per-weight)").resolve(LINEAR);
        assertEquals("per-weight", override.settings().get("blocks"));
    }

    /** The rule of docs/benchmarks.md, "The default": what each kind of model gets. */
    @Test
    void defaultPicksSgdWithTheStabilityCapForLinearRegressionAndAdamForClassifiersAndMlps() {
        Map<String, String> regression = OptimizerSpec.parse("default").resolve(LINEAR).settings();
        assertEquals("sgd", regression.get("base"));
        assertEquals("per-weight", regression.get("blocks"));
        assertEquals("diagonal-hessian", regression.get("trace"));
        assertEquals("true", regression.get("stability-cap"), "α0 = 1 is only safe under the cap");
        assertEquals("1", regression.get("alpha0"));
        assertEquals("0.1", regression.get("eta-max"), "the meta step grows from a poor start");
        assertEquals("3e-5", regression.get("alpha-min"), "a floor: an input irrelevant for long still moves when it matters again");
        assertEquals("100", regression.get("restart-ratio"), "a hundredfold jump of the gradient's energy restarts α");
        assertEquals("1", regression.get("restart-alpha"), "a restart is a normalised-LMS step again");
        assertEquals("1", OptimizerSpec.parse("default(alpha0=1e-6)").resolve(LINEAR).settings().get("restart-alpha"),
                "the restart point is the rule's, whatever α0 a user starts from");
        assertEquals(null, OptimizerSpec.parse("metaoptimize(alpha0=0.01)").resolve(LINEAR).settings().get("restart-alpha"),
                "without restart-ratio nothing about restarts is written");
        assertEquals("0.01", OptimizerSpec.parse("metaoptimize(alpha0=0.01,restart-ratio=50)").resolve(LINEAR).settings()
                .get("restart-alpha"), "restart-alpha unset is α0, written out: one spelling");
        for (ModelFacts facts : List.of(new ModelFacts("logistic", "binary", 11, true), new ModelFacts("softmax", "multiclass", 1010, true),
                new ModelFacts("mlp", "regression", 30_000, false))) {
            Map<String, String> s = OptimizerSpec.parse("default").resolve(facts).settings();
            assertEquals("adam", s.get("base"), facts + ": " + s);
            assertEquals("scalar", s.get("blocks"), facts + ": " + s);
            assertEquals("3e-5", s.get("alpha-min"), facts + ": " + s);
            assertEquals("0.01", s.get("eta-max"), facts + ": " + s);
            assertEquals("0.01", s.get("alpha-max"), facts + ": " + s);
            assertEquals("100", s.get("restart-ratio"), facts + ": " + s);
            assertEquals("0.001", s.get("restart-alpha"), facts + ": " + s);
        }
    }

    @Test
    void oldSpellingsAreRefusedWithTheNewOne() {
        assertRefused("mo:sgd/lion/per-weight/hf/g=0.9/a0=0.01",
                "write metaoptimize(base=sgd,meta=lion,blocks=per-weight,trace=hessian-free,gamma=0.9,alpha0=0.01)");
        assertRefused("lms", "write sgd");
        assertRefused("fixed:adam/a=0.01", "write adam(lr=0.01)");
        assertRefused("idbd/theta=0.01", "write idbd(theta=0.01)");
        assertRefused("sgd-hd/beta=1e-4/rule=mult", "write sgd-hd(beta=1e-4,rule=mult)");
        assertRefused("metaoptimize(adamw,lion,scalar,hessian-free)",
                "write metaoptimize(base=adam,meta=lion,blocks=scalar,trace=hessian-free)");
    }

    private static void assertRefused(String old, String expected) {
        OptimizerSpecException e = assertThrows(OptimizerSpecException.class, () -> OptimizerSpec.parse(old));
        assertTrue(e.getMessage().contains(expected), old + ": " + e.getMessage());
    }

    @Test
    void mistakesNameThePartTheValueAndTheChoices() {
        assertMessage("nadam(lr=0.1)", "unknown optimizer 'nadam'; one of default, metaoptimize, sgd");
        assertMessage("sgd", "a fixed step size needs lr=<step size>, e.g. sgd(lr=0.01)");
        assertMessage("sgd(lr=fast)", "lr=fast is not a number");
        assertMessage("metaoptimize(base=adagrad)", "base=adagrad is not one of sgd, sgdm, rmsprop, adam, lion");
        assertMessage("metaoptimize(blocks=rows)", "blocks=rows is not scalar, per-tensor, per-layer, per-weight");
        assertMessage("adam(lr=0.1,theta=2)", "'theta' is not a setting of adam; it takes lr, kappa, skip-non-finite, rho");
        assertMessage("metaoptimize(gamma=2)", "discount (γ) = 2.0 is out of range: must be [0, 1]");
        assertMessage("metaoptimize(alpha0=0.1,alpha0=0.2)", "'alpha0' is given twice");
        assertMessage("metaoptimize(alpha0=0.1", "missing ')'");
        assertMessage("metaoptimize(trace=none)", "trace NONE computes no meta-gradient, so meta must be FIXED");
    }

    private static void assertMessage(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.parse(spec).resolve(LINEAR));
        assertTrue(e.getMessage().contains(expected), spec + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("optimizer spec '" + spec + "'"), "names the spec: " + e.getMessage());
    }

    private static String label(String spec) {
        return OptimizerSpec.parse(spec).resolve(ModelFacts.NONE).label();
    }
}
