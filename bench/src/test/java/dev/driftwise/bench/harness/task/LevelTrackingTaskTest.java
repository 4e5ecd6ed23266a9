package dev.driftwise.bench.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.RunSettings;
import dev.driftwise.bench.harness.run.SingleRun;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.drift.DriftingStream;
import dev.driftwise.streams.family.LevelTracking;
import org.junit.jupiter.api.Test;

/** T2 through the harness: the segments it scores are the generator's, and its scores are an independent LMS loop's. */
class LevelTrackingTaskTest {

    private static final BenchTask T2 = Tasks.byId("T2");

    @Test
    void theScoredSegmentIsTheGeneratorsSigmaSegment() {
        SampleStream stream = T2.open(4);
        GeneratedSample s = new GeneratedSample(1);
        for (long i = 0; i <= Tasks.LEVEL_SEGMENT; i++) {
            stream.next(s);
            assertEquals(i < Tasks.LEVEL_SEGMENT ? 0 : 1, s.driftIndex, "sample " + i + " of the level-tracking scenario");
        }
        assertEquals(1, T2.model().inputs());
        assertTrue(!T2.model().bias() && !T2.model().standardize(), "one weight on x = 1, no bias, raw input: " + T2.model());
        assertEquals(1_000_000, T2.protocolSamples());
        assertEquals("default,sgd,adam,idbd,autostep,sgd-hd,metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9),"
                + "metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.999,eta=0.001,alpha-min=3e-5)", T2.defaultMethods(),
                "default, the fixed SGD and Adam grids, the classic methods, issue 12's two MetaOptimize configurations");
        assertEquals(BenchTask.ONE_LAYER_METHODS, Tasks.byId("T1").defaultMethods());
        assertEquals(BenchTask.MLP_METHODS, Tasks.byId("T7-mlp").defaultMethods());
    }

    /**
     * LMS at α = 0.5 over 60,000 samples (segment 0 and the first 10,000 of segment 1): the harness's
     * three scores equal a double-precision loop written here, w ← w + α(y − w), with σ_k from the
     * generator; the learner works in float32, so to a relative 1e-3.
     */
    @Test
    void lmsScoresMatchAPlainDoubleLoop() {
        double alpha = 0.5;
        int n = 60_000;
        long seed = 2;
        RunResult run = SingleRun.run(T2, BenchMethod.parse("sgd").withStepSize(alpha), 0, seed, new RunSettings(n, 1, 2));

        SampleStream stream = T2.open(seed);
        LevelTracking family = (LevelTracking) ((DriftingStream) stream).family();
        GeneratedSample s = new GeneratedSample(1);
        double w = 0;
        double all = 0;
        double[] segmentSum = new double[2];
        int[] segmentCount = new int[2];
        for (int i = 0; i < n; i++) {
            stream.next(s);
            double e = s.target - w;
            all += e * e;
            int k = i / 50_000;
            if (i % 50_000 >= 2_500) {
                segmentSum[k] += e * e;
                segmentCount[k]++;
            }
            w += alpha * e;
        }
        double ratios = 0;
        double logs = 0;
        for (int k = 0; k < 2; k++) {
            double s2 = family.sigma(k) * family.sigma(k);
            double p = (s2 + Math.sqrt(s2 * s2 + 4 * s2)) / 2;
            ratios += segmentSum[k] / segmentCount[k] / (1 + p);
            logs += segmentCount[k] * Math.abs(Math.log(alpha / ((-s2 + Math.sqrt(s2 * s2 + 4 * s2)) / 2)));
        }
        double mse = all / n;
        assertEquals(mse, run.scores().get("mse"), 1e-3 * mse, "whole-stream MSE: " + run.scores());
        assertEquals(ratios / 2, run.scores().get("meanExcessRatio"), 1e-3 * ratios / 2, "mean excess ratio: " + run.scores());
        double meanLog = logs / (segmentCount[0] + segmentCount[1]);
        assertEquals(meanLog, run.scores().get("meanAbsLogAlphaRatio"), 1e-9, "|ln α/α*| of a fixed α: " + run.scores());
        assertEquals(2, run.series().get("segmentExcessRatio").length, "two segments scored");
        assertEquals(family.sigma(1), run.series().get("segmentSigma")[1], 0, "the series carries σ_k");
    }

    /** An adaptive method's α is read after every step: IDBD's moves from its α0, so its log ratio differs from a fixed α0's. */
    @Test
    void anAdaptiveMethodsAlphaIsReadEveryStep() {
        RunSettings settings = new RunSettings(6_000, 1, 2);
        RunResult idbd = SingleRun.run(T2, BenchMethod.parse("idbd(alpha0=0.01)"), 0, 3, settings);
        RunResult fixed = SingleRun.run(T2, BenchMethod.parse("sgd(lr=0.01)"), 0, 3, settings);
        double adaptive = idbd.scores().get("meanAbsLogAlphaRatio");
        double still = fixed.scores().get("meanAbsLogAlphaRatio");
        assertTrue(Double.isFinite(adaptive) && adaptive < still,
                "IDBD climbs from 0.01 towards α*: |ln α/α*| " + adaptive + " vs fixed 0.01 " + still);
        double finalAlpha = idbd.finalStepSizes().blocks().get(0).alpha();
        double effective = idbd.finalStepSizes().groupSteps().get("level");
        assertEquals(finalAlpha, effective, 1e-2 * finalAlpha, "for an SGD-based method the optimizer's α is the gain −Δw/g");
    }
}
