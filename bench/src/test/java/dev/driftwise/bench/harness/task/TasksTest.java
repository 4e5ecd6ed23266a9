package dev.driftwise.bench.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.RunSettings;
import dev.driftwise.bench.harness.run.SingleRun;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import org.junit.jupiter.api.Test;

class TasksTest {

    @Test
    void aShortenedT6KeepsItsThreeDriftsAtTheQuarters() {
        BenchTask t6 = Tasks.byId("t6").forSamples(4000);
        SampleStream stream = t6.open(1);
        GeneratedSample s = new GeneratedSample(3);
        int[] driftIndexAt = new int[4000];
        for (int i = 0; i < 4000; i++) {
            stream.next(s);
            driftIndexAt[i] = s.driftIndex;
        }
        assertEquals(0, driftIndexAt[999]);
        assertEquals(1, driftIndexAt[1000], "first drift at n/4");
        assertEquals(2, driftIndexAt[2000]);
        assertEquals(3, driftIndexAt[3000]);
        assertSame(Tasks.byId("T6"), Tasks.byId("T6").forSamples(1_000_000), "the protocol length is the built-in scenario");

        RunResult run = SingleRun.run(t6, BenchMethod.parse("sgd(lr=0.5)"), 0, 1, new RunSettings(4000, 1, 2));
        assertEquals(3, run.series().get("recoverySamples").length, "one recovery time per drift: " + run.scores());
        double a3 = run.finalStepSizes().groupSteps().get("a3");
        assertEquals(0.5, a3, 1e-3, "LMS's effective step on the irrelevant a3 is its α");
    }

    @Test
    void unknownTaskListsTheKnownOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tasks.byId("T4"));
        assertTrue(e.getMessage().contains("T1, T2, T3, T5") && e.getMessage().contains("--csv"), e.getMessage());
    }
}
