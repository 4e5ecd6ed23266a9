package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of the job's three Kafka clients: the user's settings ({@code --kafka-config},
 * {@code --kafka-property}) with what the job needs to read and write exactly once on top. A user
 * setting that contradicts those fails at start, naming the flag that owns it.
 */
public final class JobClients {

    private JobClients() {}

    /** The Kafka source's consumer (Flink's enumerator builds its admin client from the same properties). */
    public static Properties source(JobOptions o) {
        return o.kafka.forClient(ClientKind.CONSUMER)
                .require(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", "the job learns only from committed samples")
                .require(ConsumerConfig.GROUP_ID_CONFIG, o.groupId, "--group-id")
                .build();
    }

    /** The exactly-once sink's transactional producers. */
    public static Properties sink(JobOptions o) {
        return o.kafka.forClient(ClientKind.PRODUCER)
                .require(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(o.transactionTimeout.toMillis()), "--transaction-timeout")
                .require(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestBytes(o)), "--max-message-bytes")
                .require(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", "the exactly-once sink writes in transactions, which need it")
                .require(ProducerConfig.ACKS_CONFIG, "all", "the exactly-once sink writes in transactions, which need it")
                .build();
    }

    /** The admin client of the start-up check and of {@code --create-topics}; {@code timeout} bounds each call. */
    public static Properties admin(JobOptions o, Duration timeout) {
        return o.kafka.forClient(ClientKind.ADMIN)
                .withDefault(AdminClientConfig.CLIENT_ID_CONFIG, "driftwise-train-admin")
                .withDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString((int) timeout.toMillis()))
                .withDefault(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString((int) timeout.toMillis()))
                .build();
    }

    /** Builds every client's properties once, so a contradiction fails before the job is submitted. */
    public static void check(JobOptions o) throws KafkaSettingsException {
        source(o);
        sink(o);
        admin(o, Duration.ofSeconds(1));
    }

    /** Largest produce request: one record of {@code --max-message-bytes} plus room for the batch header. */
    static int maxRequestBytes(JobOptions o) {
        return o.maxMessageBytes + 64 * 1024;
    }
}
