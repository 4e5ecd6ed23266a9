package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import dev.driftwise.metaoptimize.testing.EngineKind;
import dev.driftwise.metaoptimize.testing.Flat;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spec §6.5: f(w) = ½(w − 1)², w0 = 0, SGD base, scalar, γ = 1, α0 = 0.1, on both engines. */
class HandWorkedExampleTest {

    private static final ParameterLayout LAYOUT = ParameterLayout.vectors("w", 1);

    private static MetaOptimizeBuilder example() {
        return MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optMetaStepSize(0.1)
                .optInitialStepSize(0.1).optDiscount(1.0);
    }

    /** ∇½(w − 1)² = w − 1 into {@code g}. */
    private static Vec gradient(Vec w, Vec g) {
        w.engine().addScalar(g, w, -1);
        return g;
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void hessianFreeTableRows(EngineKind kind) {
        // columns: g_t, z_t, w_{t+1}, h_{t+1}, β_{t+1} − ln 0.1, α_{t+1}
        double[][] table = {
            {-1.000000, 0, 0.100000, 0.100000, 0, 0.100000},
            {-0.900000, -0.090000, 0.190000, 0.190000, 0.009000, 0.100904},
            {-0.810000, -0.153900, 0.271732, 0.271732, 0.024390, 0.102469},
            {-0.728268, -0.197894, 0.346357, 0.346357, 0.044179, 0.104517},
        };
        try (Engine e = kind.open(); MetaOptimize opt = example().build(LAYOUT, e, DType.FLOAT64)) {
            Vec w = Flat.of(e, 0.0);
            Vec g = Flat.of(e, 0.0);
            for (int t = 0; t < table.length; t++) {
                gradient(w, g);
                assertEquals(table[t][0], Flat.doubles(g)[0], 1e-6, "g_" + t);
                opt.step(w, g);
                BlockStepSize s = opt.stepSizes().get(0);
                assertEquals(table[t][1], s.metaGradient(), 1e-6, "z_" + t);
                assertEquals(table[t][2], Flat.doubles(w)[0], 1e-6, "w_" + (t + 1));
                assertEquals(table[t][3], s.traceNorm(), 1e-6, "h_" + (t + 1));
                assertEquals(table[t][4], s.beta() - Math.log(0.1), 1e-6, "β_" + (t + 1) + " − ln 0.1");
                assertEquals(table[t][5], s.alpha(), 1e-6, "α_" + (t + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void fullTraceUsesTheCurvature(EngineKind kind) {
        try (Engine e = kind.open()) {
            StepContext ctx = StepContext.withGradientFunction(HandWorkedExampleTest::gradient);
            try (MetaOptimize opt = example().optTrace(TraceKind.FULL).build(LAYOUT, e, DType.FLOAT64)) {
                Vec w = Flat.of(e, 0.0);
                Vec g = Flat.of(e, 0.0);
                double[] h = new double[4];
                double[] z = new double[4];
                for (int t = 0; t < 4; t++) {
                    opt.step(w, gradient(w, g), ctx);
                    z[t] = opt.stepSizes().get(0).metaGradient();
                    h[t] = opt.stepSizes().get(0).traceNorm();
                }
                // spec §6.5: h ← (1 − α)h + Δw gives h_2 = 0.18, z_2 = −0.1458, β_3 − ln 0.1 = 0.023580
                assertEquals(0.18, h[1], 1e-8, "h_2");
                assertEquals(-0.1458, z[2], 1e-8, "z_2");
            }
            try (MetaOptimize opt = example().optTrace(TraceKind.FULL).build(LAYOUT, e, DType.FLOAT64)) {
                Vec w = Flat.of(e, 0.0);
                Vec g = Flat.of(e, 0.0);
                for (int t = 0; t < 3; t++) {
                    opt.step(w, gradient(w, g), ctx);
                }
                assertEquals(0.023580, opt.stepSizes().get(0).beta() - Math.log(0.1), 1e-6, "β_3 − ln 0.1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void metaLionRaisesBetaByEtaPerStepFromTheSecondStep(EngineKind kind) {
        try (Engine e = kind.open(); MetaOptimize opt = example().optMeta(MetaAlgorithm.LION).optMetaStepSize(1e-3)
                .optMetaMomentum(0.99).optMetaLionInterpolation(0.9).build(LAYOUT, e, DType.FLOAT64)) {
            Vec w = Flat.of(e, 0.0);
            Vec g = Flat.of(e, 0.0);
            for (int t = 0; t < 6; t++) {
                opt.step(w, gradient(w, g));
                List<BlockStepSize> s = opt.stepSizes();
                // t = 0: z = 0, sign(0) = 0, β does not move (spec §8.7); then +η every step
                assertEquals(1e-3 * t, s.get(0).beta() - Math.log(0.1), 1e-12, "β_" + (t + 1) + " − ln 0.1");
            }
        }
    }
}
