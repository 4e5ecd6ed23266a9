package dev.driftwise.kafka.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"al1ce-s3cret\";";

    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        Path f = dir.resolve("client.properties");
        Files.write(f, List.of(lines), StandardCharsets.ISO_8859_1);
        return f;
    }

    @Test
    void theFileGivesEverySettingAndKafkaPropertyWinsOverIt() throws Exception {
        Path f = file("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512", "sasl.jaas.config=" + JAAS.replace("\"", "\\\""),
                "ssl.truststore.location=/etc/kafka/trust.p12", "request.timeout.ms=20000");
        KafkaSettings s = KafkaSettings.resolve("b:9093", null, f, Map.of("request.timeout.ms", "5000"));
        assertEquals("b:9093", s.bootstrapServers());
        assertEquals("SASL_SSL", s.securityProtocol());
        assertEquals(JAAS, s.given("sasl.jaas.config"), "a backslash-escaped JAAS line reads back whole");
        assertEquals("5000", s.given("request.timeout.ms"));
        assertEquals("--kafka-property", s.sourceOf("request.timeout.ms"));
        assertEquals("--kafka-config " + f, s.sourceOf("sasl.mechanism"));
        assertTrue(s.warnings().isEmpty(), "known settings warn about nothing: " + s.warnings());
    }

    @Test
    void bootstrapComesFromTheFlagThenThePropertiesThenTheFileThenTheDefault() throws Exception {
        Path f = file("bootstrap.servers=from-file:9092");
        assertEquals("flag:1", KafkaSettings.resolve("flag:1", "default:1", f, Map.of("bootstrap.servers", "prop:1")).bootstrapServers());
        assertEquals("prop:1", KafkaSettings.resolve(null, "default:1", f, Map.of("bootstrap.servers", "prop:1")).bootstrapServers());
        assertEquals("from-file:9092", KafkaSettings.resolve(null, "default:1", f, Map.of()).bootstrapServers());
        assertEquals("default:1", KafkaSettings.resolve(null, "default:1", null, Map.of()).bootstrapServers());
        KafkaSettingsException e = assertThrows(KafkaSettingsException.class, () -> KafkaSettings.resolve(null, null, null, Map.of()));
        assertTrue(e.getMessage().startsWith("--bootstrap (missing value): required") && e.getMessage().contains("bootstrap.servers in --kafka-config"),
                e.getMessage());
    }

    @Test
    void everyClientGetsTheSettingsItKnowsAndPlugInSettingsGoToAll() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SSL");
        props.put("linger.ms", "20");              // producer only
        props.put("isolation.level", "read_committed"); // consumer only
        props.put("my.plugin.region", "eu");       // no client defines it
        KafkaSettings s = KafkaSettings.resolve("b:1", null, null, props);
        Properties producer = s.forClient(ClientKind.PRODUCER).build();
        Properties consumer = s.forClient(ClientKind.CONSUMER).build();
        Properties admin = s.forClient(ClientKind.ADMIN).build();
        for (Properties p : List.of(producer, consumer, admin)) {
            assertEquals("SSL", p.get("security.protocol"));
            assertEquals("b:1", p.get("bootstrap.servers"));
            assertEquals("eu", p.get("my.plugin.region"));
        }
        assertEquals("20", producer.get("linger.ms"));
        assertNull(consumer.get("linger.ms"), "a producer setting stays off the consumer (Kafka would warn about it)");
        assertNull(admin.get("isolation.level"));
        assertEquals(1, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).startsWith("my.plugin.region (--kafka-property) is not a setting of Kafka's"), s.warnings().get(0));
    }

    @Test
    void userSettingsReplaceDefaultsButNotWhatTheCommandRequires() {
        KafkaSettings s = KafkaSettings.resolve("b:1", null, null, Map.of("client.id", "mine", "isolation.level", "read_uncommitted"));
        Properties p = KafkaSettings.resolve("b:1", null, null, Map.of("client.id", "mine"))
                .forClient(ClientKind.CONSUMER).withDefault("client.id", "driftwise-tail").require("isolation.level", "read_committed", "x").build();
        assertEquals("mine", p.get("client.id"));
        assertEquals("read_committed", p.get("isolation.level"));
        KafkaSettingsException e = assertThrows(KafkaSettingsException.class, () -> s.forClient(ClientKind.CONSUMER)
                .require("isolation.level", "read_committed", "readers see only what the job committed").build());
        assertEquals("isolation.level=read_uncommitted (--kafka-property) conflicts with the consumer's isolation.level=read_committed:"
                + " readers see only what the job committed; remove it from your settings", e.getMessage());
        KafkaSettingsException flag = assertThrows(KafkaSettingsException.class, () -> KafkaSettings.resolve("b:1", null, null,
                Map.of("group.id", "g")).forClient(ClientKind.CONSUMER).require("group.id", "driftwise-train", "--group-id").build());
        assertTrue(flag.getMessage().endsWith("set it with --group-id instead"), flag.getMessage());
        // the same value is no conflict
        KafkaSettings.resolve("b:1", null, null, Map.of("isolation.level", "read_committed")).forClient(ClientKind.CONSUMER)
                .require("isolation.level", "read_committed", "x").build();
    }

    @Test
    void aBadValueFailsAtStartNamingTheSettingItsSourceAndKafkasRule() throws Exception {
        Path f = file("security.protocol=SASL_SSLX");
        KafkaSettingsException e = assertThrows(KafkaSettingsException.class, () -> KafkaSettings.resolve("b:1", null, f, Map.of()));
        assertTrue(e.getMessage().startsWith("security.protocol 'SASL_SSLX' (--kafka-config " + f + "): "), e.getMessage());
        assertTrue(e.getMessage().contains("SASL_SSL"), "Kafka's allowed values: " + e.getMessage());
        KafkaSettingsException n = assertThrows(KafkaSettingsException.class,
                () -> KafkaSettings.resolve("b:1", null, null, Map.of("request.timeout.ms", "soon")));
        assertTrue(n.getMessage().startsWith("request.timeout.ms 'soon' (--kafka-property): "), n.getMessage());
        KafkaSettingsException missing = assertThrows(KafkaSettingsException.class,
                () -> KafkaSettings.resolve("b:1", null, dir.resolve("nope.properties"), Map.of()));
        assertEquals("--kafka-config '" + dir.resolve("nope.properties") + "': no such file; give a Java properties file of Kafka client settings",
                missing.getMessage());
        // a config provider reference is Kafka's to resolve
        KafkaSettings.resolve("b:1", null, null, Map.of("request.timeout.ms", "${file:/etc/x.properties:timeout}"));
    }

    @Test
    void secretsNeverShowInToStringOrInRedactedTextNorInErrors() throws Exception {
        Path f = file("sasl.jaas.config=" + JAAS.replace("\"", "\\\""), "ssl.truststore.password=trust-pw-123",
                "ssl.keystore.key=-----BEGIN PRIVATE KEY-----abc", "sasl.mechanism=SCRAM-SHA-512", "vendor.api.secret=v-secret-9");
        KafkaSettings s = KafkaSettings.resolve("b:1", null, f, Map.of());
        String shown = s.toString();
        for (String secret : List.of("al1ce-s3cret", "trust-pw-123", "PRIVATE KEY", "v-secret-9")) {
            assertFalse(shown.contains(secret), "toString shows " + secret + ": " + shown);
        }
        assertTrue(shown.contains("sasl.mechanism=SCRAM-SHA-512") && shown.contains("sasl.jaas.config=[hidden]"), shown);
        String text = "login failed for password=\"al1ce-s3cret\"; truststore pw trust-pw-123; jaas " + JAAS;
        String redacted = s.redact(text);
        assertFalse(redacted.contains("al1ce-s3cret") || redacted.contains("trust-pw-123"), redacted);
        assertTrue(redacted.contains("[hidden]"), redacted);
        KafkaSettingsException e = assertThrows(KafkaSettingsException.class,
                () -> KafkaSettings.resolve("b:1", null, null, Map.of("ssl.key.password", "p4ss", "sasl.jaas.config", "p4ss")).forClient(ClientKind.CONSUMER)
                        .require("ssl.key.password", "other", "x").build());
        assertFalse(e.getMessage().contains("p4ss"), e.getMessage());
    }

    @Test
    void settingsTravelInAFlinkJobGraph() throws Exception {
        KafkaSettings s = KafkaSettings.resolve("b:1", null, null, Map.of("security.protocol", "SSL"));
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(s); // JobOptions holds them and Flink serializes the job's functions
        }
    }

    @Test
    void theMixinHandsTheSameOptionsOnAsArguments() {
        KafkaClientOptions o = new KafkaClientOptions();
        picocli.CommandLine cli = new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin KafkaClientOptions kafka = o;
        });
        cli.parseArgs("--kafka-config", "/etc/c.properties", "--kafka-property", "sasl.jaas.config=a b=\"c=d\";",
                "--kafka-property", "linger.ms=5");
        assertEquals("a b=\"c=d\";", o.properties.get("sasl.jaas.config"), "a value keeps every '=' after the first");
        assertEquals(List.of("--kafka-config", "/etc/c.properties", "--kafka-property", "sasl.jaas.config=a b=\"c=d\";",
                "--kafka-property", "linger.ms=5"), o.asArgs());
        assertTrue(o.given());
    }
}
