package dev.driftwise.consumers.tail;

import dev.driftwise.kafka.settings.ClientKind;
import dev.driftwise.kafka.settings.KafkaSettings;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka consumer a reader of the job's output topics uses (tail, dashboard): the user's client
 * settings (security), read_committed (the job writes exactly once, so aborted transactions must stay
 * invisible), no group and no commits (readers assign partitions themselves), and looking for a topic
 * never creates it.
 */
public final class OutputTopicConsumer {

    private OutputTopicConsumer() {}

    /** String keys (stream ids), raw values (single-object encoded Avro). */
    public static KafkaConsumer<String, byte[]> open(KafkaSettings kafka, String clientId) {
        return new KafkaConsumer<>(properties(kafka, clientId), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The consumer's properties; a user setting that contradicts a reader's fails here, naming it. */
    public static Properties properties(KafkaSettings kafka, String clientId) {
        String why = "readers of the job's outputs assign partitions themselves and see only committed records";
        return kafka.forClient(ClientKind.CONSUMER)
                .withDefault(ConsumerConfig.CLIENT_ID_CONFIG, clientId)
                .withDefault(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000")
                .withDefault(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024))
                .require(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", why)
                .require(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", why)
                .require(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false", "looking for a topic must not create it")
                .build();
    }
}
