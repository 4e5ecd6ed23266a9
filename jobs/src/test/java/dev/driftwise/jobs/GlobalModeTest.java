package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.DriftingStreams;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Global mode: every stream feeds one learner, published under the key "global". */
@ExtendWith(KafkaTestBroker.class)
class GlobalModeTest {

    @Test
    void allStreamsTrainOneLearner() throws Exception {
        TestTopics t = new TestTopics("global").createSamples(2);
        try (SampleWriter w = new SampleWriter(t.samples)) {
            w.write(DriftingStreams.regression(List.of("a", "b", "c"), 200, 3, 1000, 21));
        }
        LocalFlink.run(JobOptions.parse(t.flags("--mode", "global", "--model", "linear:3", "--optimizer", "sgd(lr=0.05)",
                "--micro-batch", "10", "--snapshot-every", "20", "--metrics-every", "200", "--parallelism", "2",
                "--checkpoint-interval", "300ms", "--bounded")), new Learners(), 0);

        List<TopicReader.Read<ModelSnapshot>> models = TopicReader.readAll(t.models, ModelSnapshot.class);
        assertEquals(List.of("global", "global", "global"), models.stream().map(TopicReader.Read::key).toList(),
                "600 samples / 10 per step / 20 steps per snapshot = 3 snapshots of the one learner");
        assertEquals(List.of(1L, 2L, 3L), models.stream().map(m -> m.value().getVersion()).toList());
        ModelSnapshot last = models.get(2).value();
        assertEquals("global", last.getStreamId());
        assertEquals(600, last.getSamplesSeen(), "the global learner sees every stream's samples");
        assertEquals(600, last.getSourceOffsets().stream().mapToLong(o -> o.getOffset()).sum(),
                "next offsets over the input partitions add up to every record: " + last.getSourceOffsets());
        assertEquals(3, TopicReader.readAll(t.metrics, PrequentialMetrics.class).size());
    }
}
