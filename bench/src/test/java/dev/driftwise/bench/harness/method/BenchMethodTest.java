package dev.driftwise.bench.harness.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.metaoptimize.spec.ModelFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench names methods by optimizer spec: the job's --optimizer spelling, with grids where a fixed step names no lr. */
class BenchMethodTest {

    private static final ModelFacts LINEAR = new ModelFacts("linear", "regression", 21, true);

    @Test
    void aListSplitsOnCommasOutsideParentheses() {
        List<BenchMethod> methods = BenchMethod.parseList("sgd, idbd(theta=0.02,alpha0=0.1),metaoptimize(base=sgd,gamma=0.9),default");
        assertEquals(List.of("sgd", "idbd(theta=0.02,alpha0=0.1)", "metaoptimize(base=sgd,gamma=0.9)", "default"),
                methods.stream().map(BenchMethod::label).toList());
        assertEquals(BenchMethod.ALL.size(), BenchMethod.parseList("all").size());
    }

    @Test
    void fixedStepsAreGridsUnlessTheyNameTheirStep() {
        BenchMethod sgd = BenchMethod.parse("sgd");
        assertTrue(sgd.isGrid() && sgd.isSgdGrid() && !sgd.adaptive());
        BenchMethod point = sgd.withStepSize(0.25);
        assertFalse(point.isGrid());
        assertEquals("sgd(lr=0.25)", point.label());
        assertEquals("0.25", point.config(LINEAR).settings().get("alpha0"));
        assertFalse(BenchMethod.parse("adam(lr=0.001)").isGrid());
    }

    @Test
    void sweepsSetEachPresetsOwnMetaStep() {
        assertEquals("0.02", BenchMethod.parse("idbd").withMetaStep(0.02).config(LINEAR).settings().get("eta"), "θ of IDBD");
        assertEquals("autostep(mu=0.02)", BenchMethod.parse("autostep").withMetaStep(0.02).label(), "μ of Autostep");
        assertEquals("sgd-hd(beta=0.02)", BenchMethod.parse("sgd-hd").withMetaStep(0.02).label(), "β of HD");
        assertEquals("metaoptimize(eta=0.02)", BenchMethod.parse("metaoptimize").withMetaStep(0.02).label(), "η of MetaOptimize");
        assertEquals("default(alpha0=1e-6)", BenchMethod.parse("default").withStepSize(1e-6).label(), "α0 of the default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchMethod.parse("sgd").withMetaStep(0.1));
        assertTrue(e.getMessage().contains("no meta step size"), e.getMessage());
    }

    @Test
    void oldSpellingsAreRefusedWithTheNewOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchMethod.parseList("lms,idbd"));
        assertTrue(e.getMessage().contains("write sgd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchMethod.parse("mo:sgd/lion/per-weight/hf/g=0.9"));
        assertTrue(e.getMessage().contains("metaoptimize(base=sgd,meta=lion,blocks=per-weight,trace=hessian-free,gamma=0.9)"),
                e.getMessage());
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
