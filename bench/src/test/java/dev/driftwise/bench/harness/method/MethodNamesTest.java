package dev.driftwise.bench.harness.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.baseline.HypergradientRule;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import org.junit.jupiter.api.Test;

class MethodNamesTest {

    @Test
    void metaOptimizeNameCarriesEverySetting() {
        MethodSpec m = MethodNames.parse("mo:sgd/lion/per-weight/hf/g=0.9/eta=0.01/a0=1e-6");
        assertEquals(MethodKind.METAOPTIMIZE, m.kind());
        assertEquals(BaseAlgorithm.SGD, m.base());
        assertEquals(MetaAlgorithm.LION, m.meta());
        assertEquals("per-weight", m.granularity());
        assertEquals(TraceKind.HESSIAN_FREE, m.trace());
        assertEquals(0.9, m.gamma());
        assertEquals(0.01, m.effectiveMetaStep());
        assertEquals(1e-6, m.effectiveAlpha0());
    }

    @Test
    void fixedStepNamesAreGridsUnlessAStepIsGiven() {
        assertTrue(MethodNames.parse("lms").isGrid());
        assertEquals(BaseAlgorithm.ADAM, MethodNames.parse("adam").base());
        MethodSpec one = MethodNames.parse("fixed:rmsprop/a=0.001");
        assertEquals(0.001, one.effectiveAlpha0());
        assertEquals("fixed:rmsprop a=0.001", one.label());
    }

    @Test
    void baselinesTakeTheirOwnMetaStepName() {
        assertEquals(0.02, MethodNames.parse("idbd/theta=0.02").effectiveMetaStep());
        assertEquals(100.0, MethodNames.parse("autostep/tau=100").tau());
        assertEquals(HypergradientRule.MULTIPLICATIVE, MethodNames.parse("sgd-hd/rule=mult").rule());
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("adam-hd/rule=both"));
        assertTrue(rule.getMessage().contains("add") && rule.getMessage().contains("mult"), rule.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("idbd/eta=0.1"));
        assertTrue(e.getMessage().contains("'eta=0.1'") && e.getMessage().contains("theta="), e.getMessage());
    }

    @Test
    void mistakesNameThePartAndTheChoices() {
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("mo:sgx/lion/scalar/hf"));
        assertTrue(base.getMessage().contains("'sgx'") && base.getMessage().contains("sgd, sgdm, rmsprop, adam, lion"), base.getMessage());
        IllegalArgumentException gamma = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("mo:sgd/lion/scalar/hf/g=2"));
        assertTrue(gamma.getMessage().contains("[0, 1]"), gamma.getMessage());
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("mo:adam/lion/scalar/hf/amin=0"));
        assertTrue(floor.getMessage().contains("'amin=0'") && floor.getMessage().contains("> 0"), floor.getMessage());
        IllegalArgumentException idbdFloor = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("idbd/amin=1e-4"));
        assertTrue(idbdFloor.getMessage().contains("'amin=1e-4'"), idbdFloor.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> MethodNames.parse("newton"));
        assertTrue(unknown.getMessage().contains("unknown method 'newton'"), unknown.getMessage());
    }

    @Test
    void theGridsOfBenchmarksMd() {
        double[] pow2 = StepSizeGrid.POW2.stepSizes();
        assertEquals(17, pow2.length);
        assertEquals(1.0, pow2[0]);
        assertEquals(1.0 / 65536, pow2[16]);
        double[] half = StepSizeGrid.HALF_DECADES.stepSizes();
        assertEquals(11, half.length);
        assertEquals(1e-5, half[10], 1e-20);
        assertEquals(Math.sqrt(0.1), half[1], 1e-15);
    }
}
