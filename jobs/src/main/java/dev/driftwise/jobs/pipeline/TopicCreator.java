package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.kafka.settings.KafkaProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the job's missing topics ({@code --create-topics}); the models topic is compacted. */
public final class TopicCreator {

    /** How long the start-up check waits for the cluster before giving up with a message. */
    static final int REACH_TIMEOUT_SECONDS = 10;

    private TopicCreator() {}

    /**
     * Start-up check, before Flink starts (whose Kafka source would otherwise retry silently forever):
     * the cluster answers within {@value #REACH_TIMEOUT_SECONDS} s with the given security settings, and
     * the samples topic exists unless the job will create it.
     *
     * @return null when the job can start, else what is wrong and what to do
     */
    public static String problemWith(JobOptions o) throws InterruptedException {
        try (Admin admin = Admin.create(JobClients.admin(o, Duration.ofSeconds(REACH_TIMEOUT_SECONDS)))) {
            Set<String> existing = admin.listTopics().names().get(REACH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!o.createTopics && !existing.contains(o.samplesTopic)) {
                return "topic '" + o.samplesTopic + "' does not exist at " + o.bootstrap + "; start the generator "
                        + "(./driftwise gen --bootstrap " + o.bootstrap + " ...), create the topic, or pass --create-topics true";
            }
            return null;
        } catch (TimeoutException e) {
            return KafkaProblems.noAnswer(o.kafka, Duration.ofSeconds(REACH_TIMEOUT_SECONDS), null);
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    ? KafkaProblems.noAnswer(o.kafka, Duration.ofSeconds(REACH_TIMEOUT_SECONDS), null)
                    : KafkaProblems.explain(e.getCause(), o.kafka);
        } catch (KafkaException e) { // the client could not even start: a truststore that does not open, ...
            return KafkaProblems.explain(e, o.kafka);
        }
    }

    /** @return the topics it created (existing ones are left as they are) */
    public static List<String> createMissing(JobOptions o) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(JobClients.admin(o, Duration.ofSeconds(30)))) {
            Set<String> existing = admin.listTopics().names().get();
            String maxBytes = Integer.toString(JobClients.maxRequestBytes(o));
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
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> f : admin.createTopics(missing).values().entrySet()) {
                try {
                    f.getValue().get();
                    created.add(f.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    } // created meanwhile by someone else (the generator starting beside the job): it exists, as wanted
                }
            }
            return created;
        }
    }

    private static NewTopic topic(String name, JobOptions o, Map<String, String> configs) {
        return new NewTopic(name, o.topicPartitions, (short) 1).configs(configs);
    }
}
