package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.DriftingStreams;
import dev.driftwise.jobs.testing.FailOnceLearners;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job fails once in the middle, restarts from its last checkpoint, and publishes exactly what an
 * uninterrupted run publishes: same versions, same steps, bit-identical tensors, no duplicate, no gap.
 */
@ExtendWith(KafkaTestBroker.class)
class FailureRecoveryTest {

    private static final List<String> STREAMS = List.of("s1", "s2", "s3");
    private static final int PER_STREAM = 1200;
    private static final int BATCH = 5;

    @Test
    void aRestartFromCheckpointPublishesTheSameRecordsAsAnUninterruptedRun() throws Exception {
        List<Sample> input = DriftingStreams.regression(STREAMS, PER_STREAM, 4, 600, 7);
        TestTopics clean = run(input, new FailOnceLearners(Long.MAX_VALUE, 0));
        assertTrue(!FailOnceLearners.failed());
        // 720 steps on 2 subtasks at >= 10 ms each: the failure at 2 s lands mid-run, after checkpoints
        TestTopics crashed = run(input, new FailOnceLearners(2000, 10));
        assertTrue(FailOnceLearners.failed(), "the injected failure never fired");
        assertTrue(FailOnceLearners.RESTORES.get() > 0, "no learner was restored from checkpointed state");

        List<String> expectedModels = models(clean);
        assertEquals(STREAMS.size() * (PER_STREAM / BATCH / 20), expectedModels.size(), "snapshots of the clean run");
        assertEquals(expectedModels, models(crashed), "model snapshots after a failure and restore");
        assertEquals(stepSizes(clean), stepSizes(crashed), "step-size snapshots after a failure and restore");
        assertEquals(metrics(clean), metrics(crashed), "metrics after a failure and restore");
    }

    private static TestTopics run(List<Sample> input, FailOnceLearners learners) throws Exception {
        TestTopics t = new TestTopics("recovery").createSamples(2);
        try (SampleWriter w = new SampleWriter(t.samples)) {
            w.write(input);
        }
        JobOptions o = JobOptions.parse(t.flags("--model", "linear:4", "--optimizer", "sgd(lr=0.05)",
                "--micro-batch", Integer.toString(BATCH), "--snapshot-every", "20", "--stepsizes-every", "40",
                "--metrics-every", "200", "--metrics-window", "100", "--parallelism", "2",
                "--checkpoint-interval", "150ms", "--bounded"));
        LocalFlink.runUnaligned(o, learners, 1);
        return t;
    }

    /** Per stream, in order: version, step, samples, source offsets, summary and every tensor's bytes. */
    private static List<String> models(TestTopics t) {
        TreeMap<String, List<String>> byStream = new TreeMap<>();
        for (var r : TopicReader.readAll(t.models, ModelSnapshot.class)) {
            ModelSnapshot m = r.value();
            StringBuilder b = new StringBuilder(r.key() + " v" + m.getVersion() + " step " + m.getStep() + " samples "
                    + m.getSamplesSeen() + " chunk " + m.getChunkIndex() + "/" + m.getChunkCount() + " offsets "
                    + m.getSourceOffsets().stream().map(o -> o.getPartition() + ":" + o.getOffset()).toList()
                    + " summary " + m.getSummaryMetrics());
            for (Tensor x : m.getTensors()) {
                b.append(' ').append(x.getName()).append('=').append(java.util.HexFormat.of().formatHex(x.getData().array()));
            }
            byStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(b.toString());
        }
        List<String> out = new ArrayList<>();
        byStream.values().forEach(out::addAll);
        return out;
    }

    private static List<String> stepSizes(TestTopics t) {
        return TopicReader.readAll(t.stepSizes, StepSizeSnapshot.class).stream()
                .map(r -> r.key() + " v" + r.value().getVersion() + " step " + r.value().getStep())
                .sorted().toList();
    }

    private static List<String> metrics(TestTopics t) {
        return TopicReader.readAll(t.metrics, PrequentialMetrics.class).stream()
                .map(r -> r.key() + " samples " + r.value().getSamplesSeen() + " loss " + r.value().getWindowLoss()
                        + " fading " + r.value().getFadingLoss())
                .sorted().toList();
    }
}
