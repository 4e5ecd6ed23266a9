package dev.driftwise.cli.testkit;

import dev.driftwise.cli.broker.LocalKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka's own broker ({@link LocalKafkaBroker}, a child JVM) with a SASL_SSL listener: SCRAM-SHA-512 over TLS,
 * the broker's key signed by a test CA, one SCRAM user created when the storage is formatted. The PLAINTEXT
 * listener stays for the broker itself (inter-broker traffic); clients under test use {@link #bootstrap()}.
 * Writes the client settings files a user would: right, wrong password, and a truststore of another CA.
 */
public final class SecuredBroker implements AutoCloseable {

    public static final String USER = "driftwise";
    public static final String PASSWORD = "scram-Pa55-7f3c91";
    public static final String WRONG_PASSWORD = "scram-wrong-0a1b2c";
    public static final String STORE_PASSWORD = "store-Pa55-55e2d0";

    private final LocalKafkaBroker broker;
    public final Path clientConfig;
    public final Path wrongPasswordConfig;
    public final Path untrustedConfig;

    private SecuredBroker(LocalKafkaBroker broker, Path dir, TestCertificates certs) throws IOException {
        this.broker = broker;
        this.clientConfig = writeClientConfig(dir.resolve("client.properties"), PASSWORD, certs.truststore);
        this.wrongPasswordConfig = writeClientConfig(dir.resolve("wrong-password.properties"), WRONG_PASSWORD, certs.truststore);
        this.untrustedConfig = writeClientConfig(dir.resolve("untrusted.properties"), PASSWORD, certs.untrustedTruststore);
    }

    public static SecuredBroker start(Path dir) throws IOException, InterruptedException {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"), STORE_PASSWORD);
        Map<String, String> server = new LinkedHashMap<>();
        String listener = "listener.name.sasl_ssl.";
        server.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        server.put(listener + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        server.put(listener + "ssl.keystore.type", "PKCS12");
        server.put(listener + "ssl.keystore.location", certs.brokerKeystore.toString());
        server.put(listener + "ssl.keystore.password", STORE_PASSWORD);
        server.put(listener + "ssl.key.password", STORE_PASSWORD);
        LocalKafkaBroker broker = LocalKafkaBroker.start(new LocalKafkaBroker.Listener("SASL_SSL", "SASL_SSL", "localhost", server,
                List.of("--add-scram", "SCRAM-SHA-512=[name=" + USER + ",password=" + PASSWORD + "]")));
        return new SecuredBroker(broker, dir, certs);
    }

    /** The SASL_SSL listener, {@code localhost:<port>} (the name the broker's certificate holds). */
    public String bootstrap() {
        return broker.listenerBootstrap();
    }

    /** The PLAINTEXT listener, for the test's own checks. */
    public String plaintextBootstrap() {
        return broker.bootstrap();
    }

    /** What {@link #scanRecordsFor} read, and where it found what it looked for ({@code topic@offset}). */
    public record Scan(long records, List<String> places) {}

    /** Every record on every topic (aborted transactions too), read over the PLAINTEXT listener: where any of the strings stands. */
    public Scan scanRecordsFor(List<String> needles) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", plaintextBootstrap());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get()
                    .forEach((name, d) -> d.partitions().forEach(i -> partitions.add(new TopicPartition(name, i.partition()))));
        }
        p.put("isolation.level", "read_uncommitted");
        long records = 0;
        List<String> places = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    records++;
                    String bytes = (r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1))
                            + new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.ISO_8859_1);
                    if (needles.stream().anyMatch(bytes::contains)) {
                        places.add(r.topic() + "@" + r.offset());
                    }
                }
            }
        }
        return new Scan(records, places);
    }

    private static Path writeClientConfig(Path file, String password, Path truststore) throws IOException {
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                        + "\" password=\"" + password + "\";",
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + STORE_PASSWORD,
                ""));
        return file;
    }

    @Override
    public void close() {
        broker.close();
    }
}
