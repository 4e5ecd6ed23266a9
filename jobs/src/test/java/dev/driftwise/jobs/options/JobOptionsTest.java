package dev.driftwise.jobs.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

class JobOptionsTest {


    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobOptions o = JobOptions.parse("--bootstrap", "localhost:9092");
        assertEquals("driftwise.samples", o.samplesTopic);
        assertEquals("driftwise.models", o.modelsTopic);
        assertEquals("driftwise.stepsizes", o.stepSizesTopic);
        assertEquals("driftwise.metrics", o.metricsTopic);
        assertEquals("driftwise.dlq", o.dlqTopic);
        assertEquals("driftwise-train", o.groupId);
        assertEquals(Mode.PER_STREAM, o.mode);
        assertEquals(new LearnerSettings("linear:20", "default", 32, "auto", "auto", 1000, 0.999), o.defaults);
        assertEquals(100, o.snapshotEvery);
        assertEquals(10, o.stepSizesEvery);
        assertEquals(1000, o.metricsEvery);
        assertEquals(1000, o.metricsWindow);
        assertEquals(0.999, o.fadingFactor);
        assertEquals(1, o.topicPartitions);
        assertEquals(1_000_000, o.maxMessageBytes);
        assertEquals(Duration.ofSeconds(60), o.transactionTimeout);
        assertEquals("driftwise-train", o.transactionalIdPrefix);
        assertEquals("driftwise online training", o.jobName);
        assertNull(o.parallelism, "without --parallelism the cluster's parallelism applies");
        assertNull(o.checkpointInterval, "without --checkpoint-interval the cluster's interval (else 10 s) applies");
        assertEquals(false, o.bounded);
        assertEquals(false, o.createTopics);
        assertEquals("localhost:9092", o.kafka.bootstrapServers());
        assertEquals("PLAINTEXT", o.kafka.securityProtocol());
    }

    @Test
    void perStreamOverridesReplaceOnlyWhatTheyName() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:1", "--model", "linear:4", "--micro-batch", "16",
                "--stream.sensors.micro-batch", "64", "--stream.sensors.model", "softmax:4:3", "--stream.a.b.device", "cpu",
                "--create-topics", "--bounded");
        assertEquals(new LearnerSettings("softmax:4:3", "default", 64, "auto", "auto", 1000, 0.999), o.settingsFor("sensors"));
        assertEquals(new LearnerSettings("linear:4", "default", 16, "auto", "auto", 1000, 0.999), o.settingsFor("other"));
        assertEquals(new LearnerSettings("linear:4", "default", 16, "cpu", "auto", 1000, 0.999), o.settingsFor("a.b"), "a stream id may hold dots");
        assertTrue(o.createTopics);
        assertTrue(o.bounded);
    }

    @Test
    void booleansTakeTheFlagAloneOrAValue() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:1", "--create-topics", "false", "--bounded", "true", "--parallelism", "3",
                "--checkpoint-interval", "2s");
        assertFalse(o.createTopics);
        assertTrue(o.bounded);
        assertEquals(3, o.parallelism);
        assertEquals(Duration.ofSeconds(2), o.checkpointInterval);
        assertEquals("b:1", o.bootstrap);
    }

    @Test
    void globalModeMapsEveryStreamToOneLearner() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:1", "--mode", "global");
        assertEquals(Mode.GLOBAL_KEY, o.learnerKeyOf("a"));
        assertEquals(Mode.GLOBAL_KEY, o.learnerKeyOf("b"));
        assertEquals("a", JobOptions.parse("--bootstrap", "b:1").learnerKeyOf("a"));
    }

    @Test
    void kafkaSettingsComeFromTheFileAndThePropertiesAndNeverShowTheirSecrets() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=secure:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"jobs-pw-42\";\n");
        JobOptions o = JobOptions.parse("--kafka-config", file.toString(), "--kafka-property", "ssl.truststore.location=/t.p12");
        assertEquals("secure:9093", o.bootstrap, "the brokers may come from the file");
        assertEquals("SASL_SSL", o.kafka.securityProtocol());
        assertEquals("/t.p12", o.kafka.given("ssl.truststore.location"));
        assertFalse(o.toString().contains("jobs-pw-42"), o.toString());
        assertEquals("b:2", JobOptions.parse("--kafka-config", file.toString(), "--bootstrap", "b:2").bootstrap, "--bootstrap wins");
    }

    @Test
    void badValuesNameTheFlagTheValueAndWhatIsAllowed() {
        assertMessage("--micro-batch '0': allowed: a whole number >= 1", "--bootstrap", "b:1", "--micro-batch", "0");
        assertMessage("--mode 'both': allowed: per-stream, global", "--bootstrap", "b:1", "--mode", "both");
        assertMessage("--checkpoint-interval 'soon'", "--bootstrap", "b:1", "--checkpoint-interval", "soon");
        assertMessage("--parallelism '0': allowed: a whole number >= 1", "--bootstrap", "b:1", "--parallelism", "0");
        assertMessage("--fading-factor '1.5': allowed: a number in (0, 1]", "--bootstrap", "b:1", "--fading-factor", "1.5");
        assertMessage("--create-topics 'maybe': allowed: true, false", "--bootstrap", "b:1", "--create-topics", "maybe");
        assertMessage("--stream.s1.device 'tpu': allowed: cpu, gpu, auto", "--bootstrap", "b:1", "--stream.s1.device", "tpu");
        assertMessage("--bootstrap (missing value): required", "--bounded");
        assertMessage("unknown flag --bootstrap-servers; did you mean --bootstrap or --bounded?", "--bootstrap-servers", "x");
        assertMessage("argument 'x' is not a flag", "--bootstrap", "b:1", "x");
        assertMessage("--stream.s1.lr 'x': per-stream overrides read", "--bootstrap", "b:1", "--stream.s1.lr", "x");
        assertMessage("--kafka-config '/no/such.properties': no such file", "--bootstrap", "b:1", "--kafka-config", "/no/such.properties");
        assertMessage("security.protocol 'TLS' (--kafka-property)", "--bootstrap", "b:1", "--kafka-property", "security.protocol=TLS");
        assertMessage("Missing required parameter for option '--model'", "--bootstrap", "b:1", "--model");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String help = JobOptions.help();
        List<OptionSpec> options = JobFlags.commandLine(new JobFlags()).getCommandSpec().options();
        assertTrue(options.size() >= 29, "options: " + options.size());
        for (OptionSpec o : options) {
            assertTrue(help.matches("(?s).*\n\\s+" + o.longestName() + " .*"), "help lacks a line for " + o.longestName() + ":\n" + help);
        }
        assertTrue(help.contains("(default: driftwise.models)"), help);
        assertTrue(help.contains("\n      --stream.<id>.<setting> VALUE"), help);
        for (String line : help.split("\n")) {
            assertFalse(line.matches("\\s{10,}--.*"), "a wrapped description line starts like a flag: '" + line + "'");
        }
    }

    private static void assertMessage(String expectedStart, String... args) {
        OptionException e = assertThrows(OptionException.class, () -> JobOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage() + "\nexpected start: " + expectedStart);
    }
}
