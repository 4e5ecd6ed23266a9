package dev.driftwise.streams.sink;

import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaProblems;
import dev.driftwise.kafka.settings.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka cluster and topic a run writes to, checked before the first sample: the broker must
 * answer within {@code connectTimeout}, and the topic is created (with {@code partitions} and the
 * broker's default replication) when it does not exist yet.
 *
 * @param bootstrap      {@code bootstrap.servers}, HOST:PORT[,HOST:PORT...]
 * @param topic          topic name
 * @param partitions     partitions of a topic this run creates
 * @param connectTimeout how long to wait for the cluster at start-up before giving up
 * @param outageTimeout  once samples flow, how long to wait for a cluster that stopped answering
 * @param extraConfig    user {@code --producer-property} entries; applied last, also to the admin check
 * @param kafka          the run's Kafka client settings ({@code --kafka-config}, {@code --kafka-property}: security and
 *                       the like) for the admin check and the producer; its brokers are {@code bootstrap}
 */
public record KafkaTarget(String bootstrap, String topic, int partitions, Duration connectTimeout,
                          Duration outageTimeout, Map<String, String> extraConfig, KafkaSettings kafka) {

    /** Room above the outage timeout, so the producer still holds every waiting record when the run gives up. */
    private static final Duration DELIVERY_MARGIN = Duration.ofSeconds(60);

    public KafkaTarget {
        if (!bootstrap.equals(kafka.bootstrapServers())) {
            throw new IllegalArgumentException("bootstrap '" + bootstrap + "' is not the settings' " + kafka.bootstrapServers());
        }
    }

    /** Plaintext, Kafka's defaults: the brokers and the producer extras only. */
    public KafkaTarget(String bootstrap, String topic, int partitions, Duration connectTimeout, Duration outageTimeout,
                       Map<String, String> extraConfig) {
        this(bootstrap, topic, partitions, connectTimeout, outageTimeout, extraConfig, KafkaSettings.of(bootstrap));
    }

    /** The cluster could not be reached or the topic not prepared; the message says what to do. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Verifies the cluster answers and the topic exists, creating it if missing. Returns what was done. */
    public String prepare() {
        int timeoutMs = (int) connectTimeout.toMillis();
        Properties p = kafka.forClient(ClientKind.ADMIN)
                .withDefault(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs)
                .withDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs)
                .withDefault(AdminClientConfig.CLIENT_ID_CONFIG, "driftwise-gen-admin")
                .build();
        extraConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw new Unavailable("cannot connect to Kafka at '" + bootstrap + "': " + KafkaProblems.known(e, kafka)
                    .orElse(kafka.redact(rootMessage(e)) + " (check --bootstrap, e.g. localhost:9092)"), e);
        }
        try {
            String clusterId = await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId(),
                    "reach the Kafka cluster");
            try {
                TopicDescription d = await(admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
                        .allTopicNames(), "describe topic '" + topic + "'").get(topic);
                return "topic '" + topic + "' exists with " + d.partitions().size() + " partitions (cluster " + clusterId + ")"
                        + alreadyHolds(admin, d);
            } catch (Unavailable e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            try {
                await(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())),
                        new CreateTopicsOptions().timeoutMs(timeoutMs)).all(), "create topic '" + topic + "'");
                awaitLeaders(admin, timeoutMs);
                return "created topic '" + topic + "' with " + partitions + " partitions (cluster " + clusterId + ")";
            } catch (Unavailable e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return "topic '" + topic + "' was created concurrently (cluster " + clusterId + ")";
                }
                throw new Unavailable(e.getMessage() + "; create it yourself, e.g. kafka-topics.sh --bootstrap-server "
                        + bootstrap + " --create --topic " + topic + " --partitions " + partitions, e.getCause());
            }
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Waits until every partition of a just-created topic has a leader: an idempotent producer that
     * starts sending while leadership is still settling can see its sequence numbers reset and fail
     * with OutOfOrderSequenceException (seen with the embedded KRaft broker).
     */
    private void awaitLeaders(Admin admin, int timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).get(topic);
                if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty() && !p.isr().isEmpty())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while waiting for topic '" + topic + "' to get leaders", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // metadata not propagated yet: ask again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while waiting for topic '" + topic + "' to get leaders", e);
            }
        }
        throw new Unavailable("topic '" + topic + "' was created but its partitions have no leader after " + timeoutMs
                + " ms; check the broker's health", null);
    }

    /**
     * A warning when the topic already has records: the streams of this run start again at seq 0,
     * so a consumer sees each stream's seq restart (the run id in the provenance tells the runs apart).
     */
    private String alreadyHolds(Admin admin, TopicDescription d) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                await(admin.listOffsets(latest).all(), "read the end offsets of topic '" + topic + "'");
        long records = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        return records == 0 ? "" : String.format(java.util.Locale.ROOT, "; it already holds %,d records: this run's streams"
                + " start again at seq 0 (use a fresh --topic to keep each stream's seq increasing by one)", records);
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(connectTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while trying to " + what, e);
        } catch (TimeoutException e) {
            throw timedOut(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw timedOut(what, cause);
            }
            if (KafkaProblems.isFatal(cause)) { // refused credentials or certificate: name the setting to fix
                throw new Unavailable("could not " + what + " at '" + bootstrap + "': " + KafkaProblems.explain(cause, kafka), cause);
            }
            throw new Unavailable("could not " + what + " at '" + bootstrap + "': " + rootMessage(cause), cause);
        }
    }

    private Unavailable timedOut(String what, Throwable cause) {
        return new Unavailable("could not " + what + " at '" + bootstrap + "' within " + connectTimeout.toSeconds()
                + " s: no broker answered. Check that Kafka is running and --bootstrap names a listener "
                + "reachable from here (raise --connect-timeout for a slow cluster)", cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }

    /**
     * Producer settings: idempotent with acks=all and at most 5 requests in flight, which Kafka
     * guarantees keeps per-partition order across retries. A broker outage is ridden out inside one
     * idempotent session: {@code retries} is unlimited and {@code delivery.timeout.ms} outlasts the
     * outage timeout, so a record once appended is retried by the producer until the broker is back
     * and the broker drops the copies it already wrote (same producer id and sequence, kept in its
     * log across a restart). A record is never sent a second time by us after it was appended: an
     * expired batch may or may not have been written, so resending it could duplicate it. Only a
     * send that gave up before appending ({@code max.block.ms}, waiting for metadata or buffer
     * space) is sent again, by {@link KafkaSampleSink}, before any later record.
     * {@code request.timeout.ms} stays at Kafka's default: shorter ones made retries of
     * already-written batches fail with OutOfOrderSequenceException on a busy machine.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> c = kafka.forClient(ClientKind.PRODUCER) // the user's settings replace these defaults
                .withDefault(ProducerConfig.CLIENT_ID_CONFIG, "driftwise-gen")
                .withDefault(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .withDefault(ProducerConfig.ACKS_CONFIG, "all")
                .withDefault(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .withDefault(ProducerConfig.LINGER_MS_CONFIG, 5)
                .withDefault(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 16)
                .withDefault(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .withDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG, connectTimeout.toMillis())
                .withDefault(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE)
                .withDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) Math.min(Integer.MAX_VALUE, outageTimeout.plus(DELIVERY_MARGIN).toMillis()))
                .require(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(), "the generator sends encoded bytes")
                .require(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(), "the generator sends encoded bytes")
                .buildMap();
        c.putAll(extraConfig);
        return c;
    }
}
