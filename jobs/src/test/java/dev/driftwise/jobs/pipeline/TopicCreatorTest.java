package dev.driftwise.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.TestTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** --create-topics beside another creator (the generator starting at the same time): a topic made meanwhile is no failure. */
@ExtendWith(KafkaTestBroker.class)
class TopicCreatorTest {

    @Test
    void creatorsRacingForTheSameTopicsAllSucceedAndEachTopicIsCreatedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                TestTopics t = new TestTopics("race");
                JobOptions o = JobOptions.parse(t.flags());
                List<Future<List<String>>> creators = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    creators.add(pool.submit(() -> TopicCreator.createMissing(o)));
                }
                List<String> created = new ArrayList<>();
                for (Future<List<String>> c : creators) {
                    created.addAll(c.get()); // before the fix: ExecutionException(TopicExistsException) for a loser of the race
                }
                Set<String> wanted = new TreeSet<>(List.of(t.samples, t.models, t.stepSizes, t.metrics, t.dlq));
                assertEquals(wanted, new TreeSet<>(created), "round " + round + ": every topic reported created by exactly one creator");
                assertEquals(wanted.size(), created.size(), "round " + round + ": no topic reported twice: " + created);
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestBroker.bootstrap()))) {
                    assertEquals(wanted, new TreeSet<>(admin.listTopics().names().get().stream().filter(wanted::contains).toList()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
