package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.DriftingStreams;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader.Read;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.StepSizeSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Drifting samples in a real broker → the job in a local Flink → every output topic read back read_committed. */
@ExtendWith(KafkaTestBroker.class)
class OnlineTrainingJobEndToEndTest {

    private static final List<String> STREAMS = List.of("alpha", "beta", "gamma");
    private static final int PER_STREAM = 2000;
    private static final int DRIFT_EVERY = 1000;

    @Test
    void learnsEveryStreamAndPublishesGaplessVersionsOnEveryTopic() throws Exception {
        TestTopics t = new TestTopics("e2e").createSamples(2);
        try (SampleWriter w = new SampleWriter(t.samples)) {
            w.write(DriftingStreams.regression(STREAMS, PER_STREAM, 5, DRIFT_EVERY, 42));
        }
        JobOptions o = JobOptions.parse(t.flags("--model", "linear:5", "--optimizer", "metaoptimize(base=sgd, meta=lion, blocks=scalar, alpha0=0.02, eta=0.01)", "--micro-batch", "10",
                "--snapshot-every", "30", "--stepsizes-every", "10", "--metrics-every", "100", "--metrics-window", "100",
                "--parallelism", "2", "--checkpoint-interval", "300ms", "--bounded"));

        LocalFlink.run(o, new Learners(), 0);

        int steps = PER_STREAM / 10;
        Map<String, List<ModelSnapshot>> models = byKey(TopicReader.readAll(t.models, ModelSnapshot.class));
        Map<String, List<StepSizeSnapshot>> stepSizes = byKey(TopicReader.readAll(t.stepSizes, StepSizeSnapshot.class));
        Map<String, List<PrequentialMetrics>> metrics = byKey(TopicReader.readAll(t.metrics, PrequentialMetrics.class));
        assertEquals(STREAMS, models.keySet().stream().sorted().toList(), "streams with model snapshots");
        assertEquals(0, TopicReader.readAll(t.dlq, DeadLetter.class).size(), "dead letters of clean input");
        for (String s : STREAMS) {
            List<ModelSnapshot> m = models.get(s);
            // every 30 steps (6 snapshots up to step 180) plus the final one at the end of the bounded input (step 200)
            assertEquals(steps / 30 + 1, m.size(), s + ": model snapshots " + m);
            for (int i = 0; i < m.size(); i++) {
                assertEquals(i + 1, m.get(i).getVersion(), s + ": model versions must be 1, 2, 3... without gaps");
                assertEquals(s, m.get(i).getStreamId());
            }
            ModelSnapshot last = m.get(m.size() - 1);
            assertEquals(steps, last.getStep(), s + ": final snapshot step");
            assertEquals(PER_STREAM, last.getSamplesSeen(), s + ": final snapshot samples");
            assertEquals(1, last.getChunkCount());
            assertEquals(1, last.getSourceOffsets().size(), s + ": a stream's samples come from one partition");
            assertEquals(t.samples, last.getSourceOffsets().get(0).getTopic());
            List<StepSizeSnapshot> a = stepSizes.get(s);
            assertEquals(steps / 10, a.size(), s + ": step-size snapshots");
            // MetaOptimize adapts α: it leaves its initial value and moves again after the drift
            double[] alpha = a.stream().mapToDouble(x -> x.getBlocks().get(0).getAlpha()).toArray();
            System.err.println(s + " alpha per 10 steps: " + java.util.Arrays.toString(alpha));
            double beforeDrift = alpha[a.size() / 2 - 1];
            double afterDrift = alpha[a.size() - 1];
            assertTrue(Math.abs(Math.log(alpha[0] / 0.02)) > 0.05, s + ": alpha did not adapt: " + alpha[0]);
            assertTrue(Math.abs(Math.log(afterDrift / beforeDrift)) > 0.05, s + ": alpha did not move after the drift: "
                    + beforeDrift + " before, " + afterDrift + " at the end");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(i + 1, a.get(i).getVersion(), s + ": step-size versions");
            }
            List<PrequentialMetrics> p = metrics.get(s);
            assertEquals(PER_STREAM / 100, p.size(), s + ": metrics records");
            // loss falls within each concept: the first window after a drift is far worse than the concept's last
            for (int drift = 0; drift < PER_STREAM / DRIFT_EVERY; drift++) {
                PrequentialMetrics first = p.get(drift * DRIFT_EVERY / 100);
                PrequentialMetrics end = p.get((drift + 1) * DRIFT_EVERY / 100 - 1);
                System.err.println(s + " concept " + drift + " loss " + first.getWindowLoss() + " -> " + end.getWindowLoss());
                assertTrue(end.getWindowLoss() < 0.2 * first.getWindowLoss(), s + " concept " + drift + ": window loss "
                        + first.getWindowLoss() + " after the drift, " + end.getWindowLoss() + " at the concept's end");
                assertEquals(drift, (int) end.getConceptId(), s + ": concept id at the end of concept " + drift);
            }
        }
    }

    private static <T> Map<String, List<T>> byKey(List<Read<T>> reads) {
        return reads.stream().collect(Collectors.groupingBy(Read::key, Collectors.mapping(Read::value, Collectors.toList())));
    }
}
