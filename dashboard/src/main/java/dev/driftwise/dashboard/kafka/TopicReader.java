package dev.driftwise.dashboard.kafka;

import dev.driftwise.consumers.tail.OutputTopicConsumer;
import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.dashboard.store.DashboardStore;
import dev.driftwise.kafka.settings.KafkaProblems;
import dev.driftwise.kafka.settings.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka reader thread: one {@code read_committed} consumer assigned to every partition of the
 * dashboard's topics (no consumer group: a dashboard must not move anybody's offsets). Topics that do
 * not exist yet are looked for again every {@link #REFRESH}; a topic that appears later is read from its
 * beginning (all of it is new). The models topic is always read from its beginning: it is compacted, so
 * that is the newest snapshot per stream, and the page can show a version right away.
 */
public final class TopicReader implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

    private final KafkaSettings kafka;
    private final String bootstrap;
    private final Map<TopicKind, String> topics;
    private final boolean fromBeginning;
    private final RecordRouter router;
    private final DashboardStore store;
    private final Map<String, TopicKind> kindOfTopic = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Thread thread;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopping;

    public TopicReader(KafkaSettings kafka, Map<TopicKind, String> topics, boolean fromBeginning, RecordRouter router, DashboardStore store) {
        this.kafka = kafka;
        this.bootstrap = kafka.bootstrapServers();
        this.topics = Map.copyOf(topics);
        this.fromBeginning = fromBeginning;
        this.router = router;
        this.store = store;
        topics.forEach((kind, topic) -> kindOfTopic.put(topic, kind));
        this.thread = new Thread(this::run, "dashboard-kafka-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Completes with what went wrong, in words, when the reader stops on a failure (never on {@link #close}). */
    public CompletableFuture<String> failure() {
        return failure;
    }

    private void run() {
        try {
            read();
        } catch (Throwable e) { // an Error too (a class missing from a jar): the page must not go on showing nothing
            if (stopping) {
                return; // Kafka's InterruptException from close()
            }
            String why = e instanceof KafkaException ? KafkaProblems.explain(e, kafka) : e.toString();
            LOG.error("dashboard Kafka reader stopped: {}", why, e instanceof KafkaException ? null : e);
            store.readerStatus("stopped: " + why + " (restart the dashboard)");
            failure.complete(why);
        }
    }

    private void read() {
        store.readerStatus("connecting to " + bootstrap);
        try (KafkaConsumer<String, byte[]> c = OutputTopicConsumer.open(kafka, "driftwise-dashboard")) {
            consumer = c;
            boolean firstLook = true;
            long nextRefresh = System.nanoTime();
            while (!stopping) {
                if (System.nanoTime() - nextRefresh >= 0) { // nanoTime may be negative: compare differences
                    // --from-beginning (or not) applies to what exists at the first successful look
                    firstLook &= !refresh(c, firstLook);
                    nextRefresh = System.nanoTime() + REFRESH.toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    router.route(kindOfTopic.get(r.topic()), r.value());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop
        }
    }

    /** Assigns partitions that appeared since the last look; reports what is still missing. False: no broker answered. */
    private boolean refresh(KafkaConsumer<String, byte[]> c, boolean firstLook) {
        List<String> missing = new ArrayList<>();
        List<TopicPartition> fresh = new ArrayList<>();
        try {
            Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(5));
            for (Map.Entry<TopicKind, String> t : topics.entrySet()) {
                List<PartitionInfo> infos = existing.get(t.getValue());
                if (infos == null || infos.isEmpty()) {
                    missing.add(t.getValue());
                    continue;
                }
                for (PartitionInfo p : infos) {
                    TopicPartition tp = new TopicPartition(t.getValue(), p.partition());
                    if (!assigned.contains(tp)) {
                        fresh.add(tp);
                    }
                }
            }
        } catch (KafkaException e) { // a timeout too: no broker answers yet; keep trying
            if (KafkaProblems.isFatal(e)) {
                throw e; // refused credentials or certificate: trying again cannot help
            }
            store.readerStatus("cannot reach Kafka: " + KafkaProblems.explain(e, kafka) + "; retrying");
            return false;
        }
        if (!fresh.isEmpty()) {
            assigned.addAll(fresh);
            c.assign(assigned);
            List<TopicPartition> toEnd = new ArrayList<>();
            List<TopicPartition> toStart = new ArrayList<>();
            for (TopicPartition tp : fresh) {
                boolean latest = firstLook && !fromBeginning && kindOfTopic.get(tp.topic()) != TopicKind.MODELS;
                (latest ? toEnd : toStart).add(tp);
            }
            c.seekToEnd(toEnd);
            c.seekToBeginning(toStart);
            for (TopicPartition tp : toEnd) {
                c.position(tp); // seekToEnd is lazy: fix "now" before saying we read, or the next records may be skipped
            }
        }
        store.readerStatus(missing.isEmpty() ? "reading " + bootstrap
                : "reading " + bootstrap + "; waiting for topic" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        return true;
    }

    /** Stops the thread and closes the consumer; waits up to 2 s (the thread is a daemon). */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(2000); // not interrupt(): that would break the consumer's own close
    }
}
