package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.options.JobOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the job's missing topics ({@code --create-topics}); the models topic is compacted. */
public final class TopicCreator {

    private TopicCreator() {}

    /** @return the topics it created (existing ones are left as they are) */
    public static List<String> createMissing(JobOptions o) throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            String maxBytes = Integer.toString(o.maxMessageBytes + 64 * 1024);
            List<NewTopic> wanted = List.of(
                    topic(o.samplesTopic, o, Map.of()),
                    topic(o.modelsTopic, o, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)),
                    topic(o.stepSizesTopic, o, Map.of()),
                    topic(o.metricsTopic, o, Map.of()),
                    topic(o.dlqTopic, o, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)));
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic t : wanted) {
                if (!existing.contains(t.name()) && missing.stream().noneMatch(m -> m.name().equals(t.name()))) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    private static NewTopic topic(String name, JobOptions o, Map<String, String> configs) {
        return new NewTopic(name, o.topicPartitions, (short) 1).configs(configs);
    }
}
