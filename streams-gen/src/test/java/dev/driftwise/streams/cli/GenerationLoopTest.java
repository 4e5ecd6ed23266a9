package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.rate.RatePlan;
import dev.driftwise.streams.sink.DiscardingSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GenerationLoopTest {

    private static List<SampleStream> streams(String scenario) {
        return new TinyScenarios().load(scenario, 3L).streams();
    }

    @Test
    void aCountIsSharedByTheWeightsOfThePlan() throws Exception {
        List<SampleStream> s = streams("tiny-2");
        RatePlan plan = RatePlan.resolve(null, null, true, new double[] {0, 0}, List.of("s0", "s1"));
        GenerationLoop.Summary summary = new GenerationLoop(s, plan, new DiscardingSink(), 1001, Long.MAX_VALUE, () -> false, null).run();
        assertEquals(1001, summary.samples());
        assertArrayEquals(new long[] {501, 500}, summary.perStream());
        assertFalse(summary.stoppedEarly());
    }

    @Test
    void aDurationEndsAPacedRunOnTime() throws Exception {
        RatePlan plan = RatePlan.resolve(400.0, null, false, new double[] {0}, List.of("s0"));
        GenerationLoop.Summary summary = new GenerationLoop(streams("tiny-1"), plan, new DiscardingSink(), Long.MAX_VALUE,
                700_000_000L, () -> false, null).run();
        assertTrue(summary.seconds() >= 0.7 && summary.seconds() < 1.2, "ran " + summary.seconds() + " s for a 700 ms duration");
        assertTrue(summary.samples() <= 400 * 0.7 + 2, summary.samples() + " samples in 700 ms at 400/s");
    }

    @Test
    void aStopRequestEndsTheRunEarly() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        RatePlan plan = RatePlan.resolve(1000.0, null, false, new double[] {0}, List.of("s0"));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            stop.set(true);
        });
        stopper.start();
        GenerationLoop.Summary summary = new GenerationLoop(streams("tiny-1"), plan, new DiscardingSink(), Long.MAX_VALUE,
                Long.MAX_VALUE, stop::get, null).run();
        stopper.join();
        assertTrue(summary.stoppedEarly());
        assertTrue(summary.seconds() < 2, "stopped after " + summary.seconds() + " s");
    }

    @Test
    void theProgressLineShowsCountRateAndConceptPerStream() {
        Run run = Run.gen("--scenario", "tiny-4", "--discard", "--rate", "400", "--duration", "1500ms", "--progress");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Pattern.compile("(?m)^gen +1s +\\d{3} samples +\\d{3}/s \\| s0: c\\d+( ABRUPT)? \\| s1: c\\d").matcher(run.err()).find(), run.toString());
    }
}
