package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.pipeline.TrainingPipeline;
import dev.driftwise.jobs.testing.DriftingStreams;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoint at parallelism 1, restore at 2, savepoint again, restore at 1: every stream's learner
 * continues from its state, so the snapshots equal those of one uninterrupted run, version for version,
 * bit for bit.
 */
@ExtendWith(KafkaTestBroker.class)
class RescaleTest {

    private static final List<String> STREAMS = List.of("alpha", "beta", "gamma", "delta");
    private static final int THIRD = 400;
    private static final String[] LEARNING = {"--model", "linear:4", "--optimizer", "sgd(lr=0.05)", "--micro-batch", "5",
        "--snapshot-every", "20", "--stepsizes-every", "20", "--metrics-every", "300", "--checkpoint-interval", "300ms"};

    @TempDir
    Path savepoints;

    @Test
    void savepointsRescaleFromOneToTwoAndBackWithEveryLearnerIntact() throws Exception {
        List<Integer> subtasks = STREAMS.stream()
                .map(s -> KeyGroupRangeAssignment.assignKeyToParallelOperator(s, TrainingPipeline.MAX_PARALLELISM, 2)).toList();
        assertTrue(subtasks.contains(0) && subtasks.contains(1), "streams must spread over both subtasks: " + subtasks);
        List<Sample> all = DriftingStreams.regression(STREAMS, 3 * THIRD, 4, 400, 11);
        int perThird = THIRD / 5 / 20;
        int third = all.size() / 3;

        TestTopics reference = new TestTopics("rescale-ref").createSamples(2);
        try (SampleWriter w = new SampleWriter(reference.samples)) {
            w.write(all);
        }
        LocalFlink.run(JobOptions.parse(reference.flags(with("--parallelism", "1", "--bounded"))), new Learners(), 0);

        TestTopics t = new TestTopics("rescale").createSamples(2);
        String savepoint = null;
        int[] parallelism = {1, 2, 1};
        for (int phase = 0; phase < 3; phase++) {
            try (SampleWriter w = new SampleWriter(t.samples)) {
                w.write(all.subList(phase * third, (phase + 1) * third));
            }
            Configuration conf = LocalFlink.config(0);
            if (savepoint != null) {
                conf.setString("execution.state-recovery.path", savepoint);
            }
            JobClient job = OnlineTrainingJob.start(JobOptions.parse(t.flags(with("--parallelism",
                    Integer.toString(parallelism[phase])))), new Learners(), conf);
            try {
                awaitVersion(t, (phase + 1L) * perThird);
            } catch (AssertionError e) {
                job.cancel().get(60, TimeUnit.SECONDS);
                throw e;
            }
            if (phase < 2) {
                savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(120, TimeUnit.SECONDS);
                assertTrue(Files.exists(Path.of(java.net.URI.create(savepoint))), "savepoint at " + savepoint);
            } else {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }

        Map<String, List<String>> expected = models(reference);
        Map<String, List<String>> got = models(t);
        for (String s : STREAMS) {
            assertEquals(3 * perThird, expected.get(s).size(), s + ": reference snapshots");
            assertEquals(expected.get(s), got.get(s), s + ": snapshots across the savepoint and the rescale");
        }
    }

    private static String[] with(String... extra) {
        List<String> a = new ArrayList<>(List.of(LEARNING));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    /** Waits until every stream's committed snapshots reach {@code version}. */
    private static void awaitVersion(TestTopics t, long version) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        Map<String, Long> seen = Map.of();
        while (System.currentTimeMillis() < deadline) {
            seen = new TreeMap<>();
            for (var r : TopicReader.readAll(t.models, ModelSnapshot.class)) {
                seen.merge(r.key(), r.value().getVersion(), Math::max);
            }
            if (seen.size() == STREAMS.size() && seen.values().stream().allMatch(v -> v >= version)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("streams did not reach snapshot version " + version + " in 120 s; latest: " + seen);
    }

    private static Map<String, List<String>> models(TestTopics t) {
        Map<String, List<String>> out = new TreeMap<>();
        for (var r : TopicReader.readAll(t.models, ModelSnapshot.class)) {
            ModelSnapshot m = r.value();
            StringBuilder b = new StringBuilder("v" + m.getVersion() + " step " + m.getStep() + " samples " + m.getSamplesSeen()
                    + " summary " + m.getSummaryMetrics());
            for (Tensor x : m.getTensors()) {
                b.append(' ').append(x.getName()).append('=').append(HexFormat.of().formatHex(x.getData().array()));
            }
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(b.toString());
        }
        return out;
    }
}
