package dev.driftwise.bench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.task.BenchTask;
import dev.driftwise.bench.harness.task.Tasks;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import org.junit.jupiter.api.Test;

/**
 * Common random numbers: in run r every method learns from the identical stream, and that stream
 * is the generator's stream for run r's seed; other runs see other streams.
 */
class CommonRandomNumbersTest {

    private static final BenchTask T1 = Tasks.byId("T1");
    private static final RunSettings SHORT = new RunSettings(400, 1, 4);

    @Test
    void twoMethodsInOneRunSeeTheSameStreamAndOtherRunsDoNot() {
        BenchMethod lms = BenchMethod.parse("sgd").withStepSize(0.03125);
        BenchMethod meta = BenchMethod.parse("metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9)");
        RunResult lmsRun0 = SingleRun.run(T1, lms, 0, 7, SHORT);
        RunResult metaRun0 = SingleRun.run(T1, meta, 0, 7, SHORT);
        RunResult lmsRun1 = SingleRun.run(T1, lms, 1, 8, SHORT);

        long expected = digestOfGenerator(T1, 7, 400);
        assertEquals(expected, lmsRun0.streamDigest(), "LMS in run 0 learned from the generator's seed-7 stream");
        assertEquals(expected, metaRun0.streamDigest(), "MetaOptimize in run 0 learned from the same samples as LMS");
        assertNotEquals(expected, lmsRun1.streamDigest(), "run 1 (seed 8) must see another stream");
        assertNotEquals(lmsRun0.scores().get("mse"), metaRun0.scores().get("mse"),
                "different methods on the same stream still score differently");
    }

    @Test
    void theRunnerGivesEveryConfigurationOfRunRTheSameSeedAndStream() {
        BenchPlan plan = new BenchPlan(T1, BenchMethod.parseList("sgd(lr=0.03),idbd"), 2, 11, SHORT,
                dev.driftwise.bench.harness.method.StepSizeGrid.POW2, null, BenchPlan.Sweep.NONE, new double[0], 2);
        BenchResult result = new BenchRunner(null).run(plan);
        for (int r = 0; r < 2; r++) {
            RunResult a = result.methods().get(0).best().runs().get(r);
            RunResult b = result.methods().get(1).best().runs().get(r);
            assertEquals(11 + r, a.seed());
            assertEquals(a.seed(), b.seed(), "run " + r + ": both methods use one seed");
            assertEquals(a.streamDigest(), b.streamDigest(), "run " + r + ": both methods saw the same samples");
        }
        assertNotEquals(result.methods().get(0).best().runs().get(0).streamDigest(),
                result.methods().get(0).best().runs().get(1).streamDigest(), "runs 0 and 1 differ");
        assertTrue(result.methods().get(1).pairedToBestFixed() != null, "IDBD has a paired difference to the fixed step");
    }

    private static long digestOfGenerator(BenchTask task, long seed, int n) {
        SampleStream stream = task.open(seed);
        GeneratedSample s = new GeneratedSample(stream.featureCount());
        StreamDigest digest = new StreamDigest();
        for (int i = 0; i < n; i++) {
            stream.next(s);
            digest.add(s);
        }
        return digest.value();
    }
}
