package dev.driftwise.serving;

import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaProblems;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.schemas.ModelSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the newest model of every stream on driftwise.models. A background thread reads the topic
 * from the beginning ({@code read_committed}, every partition, no consumer group: each client needs
 * every stream's latest snapshot), reassembles chunks, ignores versions not above the one served,
 * rejects snapshots whose schema, spec or tensors are wrong (the previous model stays) and swaps a
 * good one in atomically. Callers lease a model ({@link #acquire}) and predict through the lease.
 *
 * <pre>{@code
 * try (SnapshotClient client = SnapshotClient.builder("localhost:9092").build().start();
 *      ModelLease model = client.acquire("sensor-7", Freshness.maxAge(Duration.ofMinutes(5)))) {
 *     double[] yHat = model.predict(model.newBatch(1).add(features, 0));
 * }
 * }</pre>
 */
public final class SnapshotClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotClient.class);
    private static final int REJECTIONS_KEPT = 100;

    private final SnapshotClientConfig config;
    private final SnapshotIntake intake;
    private final Map<String, AtomicReference<ServedModel>> current = new ConcurrentHashMap<>();
    private final Map<String, Long> newestSeen = new ConcurrentHashMap<>();
    private final Map<String, SnapshotRejection> lastRejection = new ConcurrentHashMap<>();
    private final Deque<SnapshotRejection> rejections = new ArrayDeque<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private final AtomicInteger openModels = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> endAtStart; // poll thread only: where "caught up" is
    private volatile String failure;
    private boolean closed;

    private SnapshotClient(SnapshotClientConfig config) {
        this.config = config;
        this.intake = new SnapshotIntake(new SnapshotLoader(config.device()), config.clock(), new Outcomes());
        try {
            this.consumer = new KafkaConsumer<>(consumerProperties(config), new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) { // e.g. a truststore that does not open: say which setting
            throw new KafkaSettingsException(KafkaProblems.explain(e, config.kafka()), e);
        }
        this.poller = new Thread(this::pollLoop, "snapshot-client-" + config.topic());
        this.poller.setDaemon(true);
    }

    public static SnapshotClientConfig.Builder builder(String bootstrapServers) {
        return new SnapshotClientConfig.Builder(bootstrapServers, SnapshotClient::new);
    }

    /** With the Kafka client settings a command read from {@code --kafka-config} and {@code --kafka-property}. */
    public static SnapshotClientConfig.Builder builder(KafkaSettings kafka) {
        return new SnapshotClientConfig.Builder(kafka, SnapshotClient::new);
    }

    /** Starts reading the topic; returns this. */
    public SnapshotClient start() {
        running = true;
        poller.start();
        return this;
    }

    /** The current model of the stream, whatever its age. */
    public ModelLease acquire(String streamId) throws NoFreshModelException {
        return acquire(streamId, Freshness.any());
    }

    /** The current model of the stream if it meets {@code freshness}; close the lease when done. */
    public ModelLease acquire(String streamId, Freshness freshness) throws NoFreshModelException {
        AtomicReference<ServedModel> ref = current.get(streamId);
        while (true) {
            ServedModel m = ref == null ? null : ref.get();
            if (m == null) {
                String stopped = failure == null ? "" : "; the client stopped reading: " + failure;
                throw new NoFreshModelException(streamId, "no model of stream '" + streamId + "' has been served yet from "
                        + config.topic() + stopped, lastRejection.get(streamId));
            }
            if (!m.tryRetain()) {
                continue; // swapped and closed between get() and retain: read the new one
            }
            Instant now = config.clock().instant();
            Duration age = Duration.between(m.createdAt(), now);
            long lag = newestSeen.getOrDefault(streamId, m.version()) - m.version();
            if (age.compareTo(freshness.maxAge()) > 0 || lag > freshness.maxVersionLag()) {
                m.release();
                throw new NoFreshModelException(streamId, "stream '" + streamId + "': served v" + m.version() + " is "
                        + age.toMillis() + " ms old and " + lag + " version(s) behind the newest seen; required: " + freshness,
                        lastRejection.get(streamId));
            }
            return new ModelLease(m, now);
        }
    }

    /** Shorthand for {@code acquire(streamId, Freshness.maxAge(maxAge))}. */
    public ModelLease latest(String streamId, Duration maxAge) throws NoFreshModelException {
        return acquire(streamId, Freshness.maxAge(maxAge));
    }

    /** Version now served for the stream. */
    public OptionalLong servedVersion(String streamId) {
        AtomicReference<ServedModel> ref = current.get(streamId);
        ServedModel m = ref == null ? null : ref.get();
        return m == null ? OptionalLong.empty() : OptionalLong.of(m.version());
    }

    /** Every stream seen on the topic so far (served, or with snapshots still arriving or rejected), sorted. */
    public SortedSet<String> streams() {
        SortedSet<String> all = new TreeSet<>(newestSeen.keySet());
        all.addAll(current.keySet());
        return all;
    }

    /**
     * Whether the client has read the topic up to where it ended when the client found it, so every
     * stream published before then is known: a stream missing after that does not exist (yet).
     */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Whether the background reader is running: false before {@link #start}, after {@link #close}, or if it failed. */
    public boolean isRunning() {
        return running && poller.isAlive();
    }

    /** The topic this client reads. */
    public String topic() {
        return config.topic();
    }

    /** Highest version seen on the topic for the stream (served, still arriving or rejected). */
    public OptionalLong newestSeenVersion(String streamId) {
        Long v = newestSeen.get(streamId);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * Why the client stopped reading the topic (the broker refused its credentials or certificate, ...), naming the
     * setting to fix; empty while it reads. Models served before keep serving.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<SnapshotRejection> lastRejection(String streamId) {
        return Optional.ofNullable(lastRejection.get(streamId));
    }

    /** The latest rejections, oldest first (at most 100). */
    public List<SnapshotRejection> rejections() {
        synchronized (rejections) {
            return new ArrayList<>(rejections);
        }
    }

    /** Waits until the stream serves {@code version} or newer; false on timeout. */
    public boolean awaitVersion(String streamId, long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (servedVersion(streamId).orElse(Long.MIN_VALUE) < version) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Loaded models not yet closed: the current ones plus replaced ones still leased (tests check for leaks). */
    int openModels() {
        return openModels.get();
    }

    private void pollLoop() {
        try {
            while (running) {
                try {
                    if (consumer.assignment().isEmpty() && !assignAllPartitions()) {
                        Thread.sleep(config.pollTimeout().toMillis()); // topic not there yet
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(config.pollTimeout())) {
                        intake.accept(r);
                    }
                    if (!caughtUp) {
                        caughtUp = reachedEndAtStart();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) { // broker away, metadata timeout: keep serving, retry
                    if (KafkaProblems.isFatal(e)) {
                        throw e; // refused credentials or certificate: retrying cannot help
                    }
                    LOG.warn("snapshot client for {}: {}; retrying", config.topic(), KafkaProblems.explain(e, config.kafka()));
                    Thread.sleep(config.pollTimeout().toMillis());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop
        } catch (KafkaException e) {
            failure = KafkaProblems.explain(e, config.kafka());
            LOG.error("snapshot client for {} stopped: {}", config.topic(), failure);
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("snapshot client for {} stopped: {}", config.topic(), e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private boolean assignAllPartitions() {
        // the first metadata fetch includes connecting: give it Kafka's usual API timeout, not one poll's; wakeup() still ends it
        List<PartitionInfo> infos = consumer.partitionsFor(config.topic(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions); // compacted: the beginning holds every stream's latest snapshot
        endAtStart = consumer.endOffsets(partitions); // read_committed: the last stable offset
        return true;
    }

    private boolean reachedEndAtStart() {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The client's side of {@link SnapshotIntake.Outcomes}: the state callers read. */
    private final class Outcomes implements SnapshotIntake.Outcomes {
        @Override
        public void seen(String streamId, long version) {
            newestSeen.merge(streamId, version, Math::max);
        }

        @Override
        public long servedVersion(String streamId) {
            return SnapshotClient.this.servedVersion(streamId).orElse(Long.MIN_VALUE);
        }

        @Override
        public void serve(ModelSnapshot s, PredictOnlyModel model) {
            openModels.incrementAndGet();
            swap(new ServedModel(s.getStreamId(), s.getVersion(), ModelProvenance.of(s), model, openModels::decrementAndGet));
        }

        @Override
        public void reject(SnapshotRejection rejection) {
            SnapshotClient.this.reject(rejection);
        }
    }

    private void swap(ServedModel next) {
        ServedModel old = current.computeIfAbsent(next.streamId(), k -> new AtomicReference<>()).getAndSet(next);
        if (old != null) {
            old.release(); // closes now, or when the last lease on it closes
        }
        LOG.debug("serving {} v{}", next.streamId(), next.version());
        config.onServed().accept(new ServedEvent(next.streamId(), next.version(), old == null ? -1 : old.version()));
    }

    private void reject(SnapshotRejection rejection) {
        String stream = rejection.streamId();
        LOG.warn("{}", rejection);
        if (stream != null) {
            lastRejection.put(stream, rejection);
        }
        synchronized (rejections) {
            if (rejections.size() == REJECTIONS_KEPT) {
                rejections.removeFirst();
            }
            rejections.addLast(rejection);
        }
        config.onRejected().accept(rejection);
    }

    /** A swap: {@code previousVersion} is -1 for a stream's first model. */
    public record ServedEvent(String streamId, long version, long previousVersion) {}

    /** Stops reading and frees every model once its leases are closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        consumer.wakeup();
        if (poller.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ZERO)); // never started: the poll thread would have closed it
        } else {
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // models are still released below
            }
        }
        for (AtomicReference<ServedModel> ref : current.values()) {
            ServedModel m = ref.getAndSet(null);
            if (m != null) {
                m.release();
            }
        }
    }

    private static Properties consumerProperties(SnapshotClientConfig config) {
        return config.kafka().forClient(ClientKind.CONSUMER)
                .withDefault(ConsumerConfig.CLIENT_ID_CONFIG, "driftwise-snapshot-client")
                .withDefault(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024))
                .require(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", "the client serves snapshots of committed checkpoints only")
                .require(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", "the client reads every partition itself, without a group")
                // a reader must not create driftwise.models (uncompacted, default partitions) by looking for it
                .require(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false", "looking for the topic must not create it")
                .build();
    }
}
