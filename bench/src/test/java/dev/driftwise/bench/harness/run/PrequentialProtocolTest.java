package dev.driftwise.bench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.task.BenchTask;
import dev.driftwise.bench.harness.task.Tasks;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import org.junit.jupiter.api.Test;

/**
 * The harness's T1 score equals an independent double-precision LMS written here: predict, record
 * (y − ŷ)², then update w ← w + α(y − ŷ)x, scoring the last third of the stream. The learner works
 * in float32, so the agreement is to a relative 1e-3. Also: the probe's effective step of LMS is α.
 */
class PrequentialProtocolTest {

    @Test
    void lmsScoreMatchesAPlainDoubleLoop() {
        BenchTask t1 = Tasks.byId("T1");
        double alpha = 0.03125;
        int n = 1500;
        RunResult run = SingleRun.run(t1, BenchMethod.parse("sgd").withStepSize(alpha), 0, 3, new RunSettings(n, 1, 3));

        SampleStream stream = t1.open(3);
        GeneratedSample s = new GeneratedSample(20);
        double[] w = new double[20];
        double tail = 0;
        int tailCount = 0;
        for (int i = 0; i < n; i++) {
            stream.next(s);
            double yHat = 0;
            for (int j = 0; j < 20; j++) {
                yHat += w[j] * s.features[j];
            }
            double e = s.target - yHat;
            if (i >= n - n / 3) {
                tail += e * e;
                tailCount++;
            }
            for (int j = 0; j < 20; j++) {
                w[j] += alpha * e * s.features[j];
            }
        }
        double expected = tail / tailCount;
        double got = run.scores().get("mse");
        assertEquals(expected, got, 1e-3 * expected, "T1 MSE over samples 1,001-1,500: harness " + got + ", reference " + expected);
        double relevantStep = run.finalStepSizes().groupSteps().get("relevant");
        assertEquals(alpha, relevantStep, 1e-3 * alpha, "LMS's effective step −Δw/g is its α");
        assertTrue(run.path().size() >= 3, "three recordings along the run: " + run.path().size());
    }

    @Test
    void aDivergingStepEndsTheRunAsDiverged() {
        RunResult run = SingleRun.run(Tasks.byId("T1"), BenchMethod.parse("sgd").withStepSize(1.0), 0, 3, new RunSettings(3000, 1, 2));
        assertTrue(run.diverged(), "α = 1 on 20 unit-variance inputs must diverge; divergedAt " + run.divergedAt());
        assertTrue(run.samples() < 3000, "the run stops at divergence, after " + run.samples() + " samples");
        assertTrue(Double.isNaN(run.scores().get("mse")), "a diverged run has no score: " + run.scores());
    }
}
