package dev.driftwise.metaoptimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §6.5: f(w) = ½(w − 1)², w0 = 0, SGD base, scalar, γ = 1, α0 = 0.1. */
class HandWorkedExampleTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private MetaOptimizeBuilder example() {
        return MetaOptimize.builder().optBase(BaseAlgorithm.SGD).optMeta(MetaAlgorithm.SGD).optMetaStepSize(0.1)
                .optInitialStepSize(0.1).optDiscount(1.0);
    }

    private NDArray weight() {
        NDArray w = manager.zeros(new Shape(1), DataType.FLOAT64);
        w.setName("w");
        return w;
    }

    private static NDList gradient(NDArray w) {
        return new NDList(w.sub(1)); // ∇½(w − 1)² = w − 1
    }

    @Test
    void hessianFreeTableRows() {
        // columns: g_t, z_t, w_{t+1}, h_{t+1}, β_{t+1} − ln 0.1, α_{t+1}
        double[][] table = {
            {-1.000000, 0, 0.100000, 0.100000, 0, 0.100000},
            {-0.900000, -0.090000, 0.190000, 0.190000, 0.009000, 0.100904},
            {-0.810000, -0.153900, 0.271732, 0.271732, 0.024390, 0.102469},
            {-0.728268, -0.197894, 0.346357, 0.346357, 0.044179, 0.104517},
        };
        NDArray w = weight();
        try (MetaOptimize opt = example().build(ParameterLayout.of(new NDList(w)), manager)) {
            for (int t = 0; t < table.length; t++) {
                NDList g = gradient(w);
                assertEquals(table[t][0], g.get(0).getDouble(0), 1e-6, "g_" + t);
                opt.step(new NDList(w), g);
                BlockStepSize s = opt.stepSizes().get(0);
                assertEquals(table[t][1], s.metaGradient(), 1e-6, "z_" + t);
                assertEquals(table[t][2], w.getDouble(0), 1e-6, "w_" + (t + 1));
                assertEquals(table[t][3], s.traceNorm(), 1e-6, "h_" + (t + 1));
                assertEquals(table[t][4], s.beta() - Math.log(0.1), 1e-6, "β_" + (t + 1) + " − ln 0.1");
                assertEquals(table[t][5], s.alpha(), 1e-6, "α_" + (t + 1));
                g.close();
            }
        }
    }

    @Test
    void fullTraceUsesTheCurvature() {
        NDArray w = weight();
        try (MetaOptimize opt = example().optTrace(TraceKind.FULL).build(ParameterLayout.of(new NDList(w)), manager)) {
            StepContext ctx = StepContext.withGradientFunction(ws -> gradient(ws.get(0)));
            double[] h = new double[4];
            double[] z = new double[4];
            for (int t = 0; t < 4; t++) {
                NDList g = gradient(w);
                opt.step(new NDList(w), g, ctx);
                z[t] = opt.stepSizes().get(0).metaGradient();
                h[t] = opt.stepSizes().get(0).traceNorm();
                g.close();
            }
            // spec §6.5: h ← (1 − α)h + Δw gives h_2 = 0.18, z_2 = −0.1458, β_3 − ln 0.1 = 0.023580
            assertEquals(0.18, h[1], 1e-8, "h_2");
            assertEquals(-0.1458, z[2], 1e-8, "z_2");
            // β_3 is the value after step index 2
        }
        NDArray w2 = weight();
        try (MetaOptimize opt = example().optTrace(TraceKind.FULL).build(ParameterLayout.of(new NDList(w2)), manager)) {
            StepContext ctx = StepContext.withGradientFunction(ws -> gradient(ws.get(0)));
            for (int t = 0; t < 3; t++) {
                opt.step(new NDList(w2), gradient(w2), ctx);
            }
            assertEquals(0.023580, opt.stepSizes().get(0).beta() - Math.log(0.1), 1e-6, "β_3 − ln 0.1");
        }
    }

    @Test
    void metaLionRaisesBetaByEtaPerStepFromTheSecondStep() {
        NDArray w = weight();
        try (MetaOptimize opt = example().optMeta(MetaAlgorithm.LION).optMetaStepSize(1e-3).optMetaMomentum(0.99)
                .optMetaLionInterpolation(0.9).build(ParameterLayout.of(new NDList(w)), manager)) {
            for (int t = 0; t < 6; t++) {
                opt.step(new NDList(w), gradient(w));
                List<BlockStepSize> s = opt.stepSizes();
                // t = 0: z = 0, sign(0) = 0, β does not move (spec §8.7); then +η every step
                assertEquals(1e-3 * t, s.get(0).beta() - Math.log(0.1), 1e-12, "β_" + (t + 1) + " − ln 0.1");
            }
        }
    }
}
