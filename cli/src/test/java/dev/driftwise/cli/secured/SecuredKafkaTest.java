package dev.driftwise.cli.secured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.cli.DemoCommand;
import dev.driftwise.cli.testkit.CapturedOutput;
import dev.driftwise.cli.testkit.SecuredBroker;
import dev.driftwise.consumers.tail.TailCommand;
import dev.driftwise.dashboard.Dashboard;
import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.pipeline.JobClients;
import dev.driftwise.jobs.pipeline.TopicCreator;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.serving.ModelLease;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.streams.cli.GenCommand;
import dev.driftwise.streams.cli.LibraryScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and client through Kafka's own broker on a SASL_SSL listener (SCRAM-SHA-512 over TLS, the
 * broker's certificate signed by a CA the test made): the generator writes, the job learns and publishes, tail
 * prints, the dashboard shows, SnapshotClient serves. A wrong password and an untrusted certificate end every
 * one of them within seconds with a message naming the setting to fix. No secret appears in anything printed
 * or in any record on any topic.
 */
class SecuredKafkaTest {

    private static final Duration FAIL_FAST = Duration.ofSeconds(20);
    private static final String STREAM = "sea";
    private static final List<String> SECRETS = List.of(SecuredBroker.PASSWORD, SecuredBroker.WRONG_PASSWORD, SecuredBroker.STORE_PASSWORD);

    @TempDir
    static Path dir;
    private static SecuredBroker broker;
    private static CapturedOutput output;

    @BeforeAll
    static void startBroker() throws Exception {
        output = CapturedOutput.install();
        broker = SecuredBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        if (output != null) {
            output.close();
        }
    }

    private record Run(int code, String out, String err, double seconds) {
        @Override
        public String toString() {
            return "exit " + code + " after " + String.format("%.1f", seconds) + " s\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Run gen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = GenCommand.commandLine(new GenCommand(new LibraryScenarios()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1e9);
    }

    private static Run tail(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = TailCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1e9);
    }

    private static JobOptions jobOptions(Topics t, Path kafkaConfig) {
        List<String> a = new ArrayList<>(List.of("--bootstrap", broker.bootstrap(), "--kafka-config", kafkaConfig.toString(),
                "--model", "logistic:3", "--micro-batch", "10", "--snapshot-every", "20", "--stepsizes-every", "10",
                "--metrics-every", "200", "--metrics-window", "200", "--checkpoint-interval", "500ms", "--parallelism", "1",
                "--bounded", "--create-topics", "--group-id", t.samples(), "--transactional-id-prefix", t.samples()));
        a.addAll(t.jobFlags());
        return JobOptions.parse(a.toArray(String[]::new));
    }

    @Test
    void everyCommandAndTheSnapshotClientWorkThroughSaslSsl() throws Exception {
        Topics t = Topics.named("secured");
        Run gen = gen("--bootstrap", broker.bootstrap(), "--kafka-config", broker.clientConfig.toString(), "--scenario", "sea-abrupt",
                "--count", "3000", "--no-rate-limit", "--topic", t.samples(), "--partitions", "1", "--no-progress");
        assertEquals(0, gen.code(), gen.toString());
        assertTrue(gen.err().contains("3,000 acknowledged"), gen.toString());

        JobOptions options = jobOptions(t, broker.clientConfig);
        JobClients.check(options);
        assertNull(TopicCreator.problemWith(options), "the start-up check through SASL_SSL");
        Configuration flink = new Configuration();
        flink.setString("restart-strategy.type", "none");
        OnlineTrainingJob.run(options, new Learners(), flink); // bounded: ends at the end of the input

        Run tail = tail("models", "--bootstrap", broker.bootstrap(), "--kafka-config", broker.clientConfig.toString(), "--topic", t.models(),
                "--from-beginning");
        assertEquals(0, tail.code(), tail.toString());
        List<String> lines = tail.out().lines().toList();
        assertEquals(3000 / 10 / 20, lines.size(), "one model snapshot every 20 steps of 10 samples:\n" + tail);
        assertTrue(lines.get(lines.size() - 1).contains("\"streamId\":\"sea\""), tail.out());

        String state;
        try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(KafkaSettings.resolve(broker.bootstrap(), null, broker.clientConfig,
                Map.of()), t.forDashboard(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, 2000))) {
            state = awaitDashboardModel(dashboard, 15);
        }

        try (SnapshotClient client = SnapshotClient.builder(broker.bootstrap()).optKafkaConfig(broker.clientConfig).optTopic(t.models())
                .build().start()) {
            assertTrue(client.awaitVersion(STREAM, 15, Duration.ofSeconds(60)), "SnapshotClient did not serve v15 through SASL_SSL: "
                    + client.failure() + " " + client.rejections());
            try (ModelLease model = client.acquire(STREAM)) {
                double p = model.predict(model.newBatch(1).add(new float[] {0.1f, 0.5f, 0.3f}, 0))[0];
                assertTrue(p >= 0 && p <= 1, "a logistic model's prediction: " + p);
            }
        }

        String printed = output.text() + gen + tail + state;
        for (String secret : SECRETS) {
            assertFalse(printed.contains(secret), "a secret was printed:\n" + printed);
        }
        SecuredBroker.Scan scan = broker.scanRecordsFor(SECRETS);
        assertEquals(List.of(), scan.places(), "secrets in records");
        assertTrue(scan.records() > 3000, "records scanned for secrets: " + scan.records());
    }

    @Test
    void theDemoRunsOnASecuredClusterWithItsKafkaConfig() throws Exception {
        Path report = dir.resolve("demo-report");
        int code = DemoCommand.commandLine(new DemoCommand()).execute("--bootstrap", broker.bootstrap(), "--kafka-config",
                broker.clientConfig.toString(), "--duration", "12s", "--rate", "600", "--progress-every", "4s", "--report-dir", report.toString());
        assertEquals(0, code, "the demo on the SASL_SSL listener; printed:\n" + output.text());
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(3, summary.get("streams").size(), summary.toString());
        for (JsonNode s : summary.get("streams")) {
            assertTrue(s.get("samples").asLong() > 0 && s.get("snapshotVersions").asLong() >= 1, "learned and published through SASL_SSL: " + s);
        }
        int embedded = DemoCommand.commandLine(new DemoCommand()).execute("--kafka-config", broker.clientConfig.toString());
        assertEquals(2, embedded, "--kafka-config without --bootstrap: the embedded broker is plaintext");
    }

    @Test
    void aWrongPasswordFailsFastNamingSaslJaasConfig() throws Exception {
        assertEveryClientFailsFast(broker.wrongPasswordConfig, "the broker refused the credentials: check the user name and password in sasl.jaas.config");
    }

    @Test
    void anUntrustedCertificateFailsFastNamingTheTruststore() throws Exception {
        assertEveryClientFailsFast(broker.untrustedConfig, "the broker's TLS certificate is not trusted: ssl.truststore.location");
    }

    private static void assertEveryClientFailsFast(Path badConfig, String expected) throws Exception {
        String bad = badConfig.toString();
        Topics t = Topics.named("refused-" + badConfig.getFileName().toString().replace(".properties", ""));
        List<String> messages = new ArrayList<>();

        Run gen = gen("--bootstrap", broker.bootstrap(), "--kafka-config", bad, "--scenario", "sea-abrupt", "--count", "10", "--topic", t.samples(),
                "--no-progress");
        assertEquals(1, gen.code(), gen.toString());
        assertFast("gen", gen.seconds(), gen.err(), expected);
        messages.add(gen.err());

        Run tail = tail("metrics", "--bootstrap", broker.bootstrap(), "--kafka-config", bad);
        assertEquals(1, tail.code(), tail.toString());
        assertFast("tail", tail.seconds(), tail.err(), expected);
        messages.add(tail.err());

        long start = System.nanoTime();
        String job = TopicCreator.problemWith(jobOptions(t, badConfig));
        assertFast("train (start-up check)", (System.nanoTime() - start) / 1e9, String.valueOf(job), expected);
        messages.add(job);

        start = System.nanoTime();
        try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(KafkaSettings.resolve(broker.bootstrap(), null, badConfig, Map.of()),
                t.forDashboard(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, 2000))) {
            String why = dashboard.readerFailure().get(FAIL_FAST.toSeconds(), TimeUnit.SECONDS);
            assertFast("dashboard", (System.nanoTime() - start) / 1e9, why, expected);
            messages.add(why);
        }

        start = System.nanoTime();
        try (SnapshotClient client = SnapshotClient.builder(broker.bootstrap()).optKafkaConfig(badConfig).optTopic(t.models()).build().start()) {
            while (client.failure().isEmpty() && System.nanoTime() - start < FAIL_FAST.toNanos()) {
                Thread.sleep(50);
            }
            assertFast("SnapshotClient", (System.nanoTime() - start) / 1e9, client.failure().orElse("(still retrying)"), expected);
            messages.add(client.failure().get());
        }
        for (String m : messages) {
            assertFalse(m.contains("\tat ") || m.contains("Exception in thread"), "a stack trace instead of a message: " + m);
            for (String secret : SECRETS) {
                assertFalse(m.contains(secret), "a secret in a message: " + m);
            }
        }
        for (String secret : SECRETS) {
            assertFalse(output.text().contains(secret), "a secret was printed:\n" + output.text());
        }
    }

    private static void assertFast(String who, double seconds, String message, String expected) {
        System.out.printf("%s failed after %.1f s: %s%n", who, seconds, message.strip());
        assertTrue(message.contains(expected), who + ": expected a message containing\n  " + expected + "\ngot\n  " + message);
        assertTrue(message.contains("(from --kafka-config "), who + ": the message should say where the setting came from: " + message);
        assertTrue(seconds < FAIL_FAST.toSeconds(), who + " took " + seconds + " s to fail");
    }

    /** The dashboard's state once it shows the stream's model at {@code version} or later. */
    private static String awaitDashboardModel(Dashboard dashboard, long version) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/streams")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode s : new ObjectMapper().readTree(body).get("streams")) {
                if (STREAM.equals(s.get("id").asText()) && s.at("/snapshot/version").asLong() >= version && s.at("/metrics/x").size() > 0) {
                    return body;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the dashboard never showed stream " + STREAM + " at model v" + version + " through SASL_SSL; last state: " + body);
    }
}
