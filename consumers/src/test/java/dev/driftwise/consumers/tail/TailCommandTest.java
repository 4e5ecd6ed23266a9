package dev.driftwise.consumers.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.DeadLetterReason;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code driftwise tail} against a real broker: one JSON line per record, for every topic kind. */
@Timeout(60)
class TailCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-30T01:02:03Z");
    private static final WireCodec CODEC = WireCodec.standard();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance PROVENANCE = Provenance.newBuilder().setSchemaVersion(1).setProducerName("test")
            .setProducerVersion("0").setRunId("run").setHost("localhost").build();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerAndWriteOneRecordOfEachKind() throws Exception {
        kafka = new EmbeddedKafka();
        for (TopicKind kind : TopicKind.values()) {
            kafka.createTopic(kind.defaultTopic(), 1);
        }
        kafka.send("driftwise.models", List.of(new KeyedValue("s1", CODEC.encode(Snapshots.linear("s1", 3, 4, 0.5f, -1f, T0)))));
        kafka.send("driftwise.stepsizes", List.of(new KeyedValue("s1", CODEC.encode(StepSizeSnapshot.newBuilder()
                .setStreamId("s1").setVersion(2).setStep(20).setSamplesSeen(640).setCreatedAt(T0)
                .setOptimizer(OptimizerSpec.newBuilder().setName("metaoptimize").setHyperParameters(Map.of("base", "adam")).build())
                .setBlocks(List.of(StepSizeBlock.newBuilder().setName("layer0").setSize(5).setAlpha(0.003).setBeta(-5.8)
                        .setAlphaMin(1e-6).setAlphaMax(1).setMetaGradient(0.1).setMetaGradientMean(0.05)
                        .setMetaGradientStd(0.2).setTraceNorm(1.5).build()))
                .setProvenance(PROVENANCE).build()))));
        kafka.send("driftwise.metrics", List.of(new KeyedValue("s1", CODEC.encode(PrequentialMetrics.newBuilder()
                .setStreamId("s1").setStep(30).setSamplesSeen(960).setCreatedAt(T0).setWindowSize(1000).setWindowLoss(0.25)
                .setFadingFactor(0.999).setFadingLoss(0.3).setWindowAccuracy(null).setFadingAccuracy(null)
                .setSamplesPerSecond(1234.5).setConceptId(2).setDeadLetters(1).setProvenance(PROVENANCE).build()))));
        kafka.send("driftwise.dlq", List.of(new KeyedValue("s1", CODEC.encode(DeadLetter.newBuilder()
                .setOriginalValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setSourceTopic("driftwise.samples")
                .setSourcePartition(0).setSourceOffset(41).setOriginalKey(null).setReason(DeadLetterReason.UNDECODABLE)
                .setDetail("BAD_MAGIC: first bytes 01 02").setStreamId("s1").setFailedAt(T0).setProvenance(PROVENANCE).build()))));
        List<KeyedValue> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String stream : List.of("s1", "s2")) {
                samples.add(new KeyedValue(stream, CODEC.encode(Sample.newBuilder().setStreamId(stream).setSeq(i)
                        .setEventTime(T0.plusMillis(i)).setFeatures(List.of(1f, (float) i)).setTarget(i * 0.5)
                        .setGroundTruth(null).setSource(null).setProvenance(null).build())));
            }
        }
        samples.add(new KeyedValue("s2", new byte[] {'h', 'i'})); // not Avro: an error line, not a crash
        kafka.send("driftwise.samples", samples);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private record Run(int exitCode, List<JsonNode> lines, String stdout, String stderr) {}

    private static Run tail(String... args) throws Exception {
        return run(true, args);
    }

    /** {@code json}: every stdout line must be a JSON object (the tail's contract); else keep stdout raw. */
    private static Run run(boolean json, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap");
        all.add(kafka.bootstrap());
        int code = TailCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (json && !line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(code, lines, out.toString(), err.toString());
    }

    @Test
    void modelsAreSummarisedNotDumped() throws Exception {
        Run run = tail("models", "--from-beginning");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(1, run.lines().size(), run.stdout());
        JsonNode line = run.lines().get(0);
        assertEquals("ModelSnapshot", line.get("record").asText());
        assertEquals("s1", line.get("key").asText());
        JsonNode v = line.get("value");
        assertEquals(3, v.get("version").asLong());
        assertEquals(T0.toString(), v.get("createdAt").asText());
        JsonNode weight = v.get("tensors").get(0);
        assertEquals("layer0.weight", weight.get("name").asText());
        assertEquals("[4,1]", weight.get("shape").toString());
        assertEquals(4, weight.get("elements").asInt());
        assertEquals(0.5, weight.get("min").asDouble());
        assertEquals(0.5, weight.get("max").asDouble());
        assertEquals(0.5, weight.get("mean").asDouble());
        assertFalse(weight.has("data"), "tensor data must not be dumped: " + weight);
        assertEquals(-1.0, v.get("tensors").get(1).get("mean").asDouble());
    }

    @Test
    void stepSizesMetricsAndDeadLettersPrintTheirFields() throws Exception {
        JsonNode step = tail("stepsizes", "--from-beginning").lines().get(0).get("value");
        assertEquals(0.003, step.get("blocks").get(0).get("alpha").asDouble());
        assertEquals("layer0", step.get("blocks").get(0).get("name").asText());
        assertEquals("adam", step.get("optimizer").get("hyperParameters").get("base").asText());

        JsonNode metrics = tail("metrics", "--from-beginning").lines().get(0).get("value");
        assertEquals(0.25, metrics.get("windowLoss").asDouble());
        assertTrue(metrics.get("windowAccuracy").isNull(), "regression: no accuracy; got " + metrics);
        assertEquals(2, metrics.get("conceptId").asInt());

        JsonNode dead = tail("dlq", "--from-beginning").lines().get(0).get("value");
        assertEquals("UNDECODABLE", dead.get("reason").asText());
        assertEquals(3, dead.get("originalValue").get("bytes").asInt());
        assertEquals("AQID", dead.get("originalValue").get("base64").asText());
        assertEquals(41, dead.get("sourceOffset").asLong());
    }

    @Test
    void samplesFilteredByStreamAndUndecodableRecordsBecomeErrorLines() throws Exception {
        Run all = tail("samples", "--from-beginning");
        assertEquals(7, all.lines().size(), all.stdout());
        JsonNode bad = all.lines().get(6);
        assertEquals("BAD_MAGIC", bad.get("error").get("reason").asText(), bad.toString());
        assertEquals(2, bad.get("error").get("bytes").asInt());

        Run s2 = tail("samples", "--from-beginning", "--stream", "s2");
        assertEquals(4, s2.lines().size(), "3 samples of s2 + the bad record keyed s2: " + s2.stdout());
        for (JsonNode line : s2.lines()) {
            assertEquals("s2", line.get("key").asText());
        }
        JsonNode first = s2.lines().get(0).get("value");
        assertEquals("[1.0,0.0]", first.get("features").toString());
        assertEquals(T0.toString(), first.get("eventTime").asText());
    }

    @Test
    void withoutFromBeginningOnlyNewRecordsAndFollowWaitsForThem() throws Exception {
        Run now = tail("samples");
        assertEquals(0, now.exitCode(), now.stderr());
        assertEquals(List.of(), now.lines(), "records written before the tail started are not printed");

        String topic = "followed";
        kafka.createTopic(topic, 1);
        java.util.concurrent.atomic.AtomicBoolean tailing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                while (tailing.get()) { // keeps writing until the tail, positioned at the end, has seen one
                    Thread.sleep(300);
                    kafka.send(topic, List.of(new KeyedValue("s9", CODEC.encode(Snapshots.linear("s9", 1, 2, 1f, 0f, T0)))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Run followed = tail("models", "--topic", topic, "--follow", "--max-records", "1");
        tailing.set(false);
        writer.join();
        assertEquals(1, followed.lines().size(), followed.stdout());
        assertEquals("s9", followed.lines().get(0).get("value").get("streamId").asText());
    }

    @Test
    void chunkKeysFilterByTheirStream() throws Exception {
        String topic = "chunked";
        kafka.createTopic(topic, 1);
        List<KeyedValue> chunks = new ArrayList<>();
        for (var c : new ModelSnapshotChunker(64).split(Snapshots.linear("c", 1, 40, 2f, 0f, T0))) {
            chunks.add(new KeyedValue(ModelSnapshotChunker.kafkaKey(c), CODEC.encode(c)));
        }
        kafka.send(topic, chunks);
        Run run = tail("models", "--topic", topic, "--from-beginning", "--stream", "c");
        assertEquals(chunks.size(), run.lines().size(), run.stdout());
        assertTrue(chunks.size() > 2, "chunks: " + chunks.size());
        assertEquals("c#1", run.lines().get(1).get("key").asText());
    }

    @Test
    void kafkaSettingsReachTheConsumerAndBadOnesFailFastNamingTheSetting() throws Exception {
        Run viaProperties = tail("metrics", "--from-beginning", "--kafka-property", "client.id=tail-test", "--kafka-property", "request.timeout.ms=20000");
        assertEquals(0, viaProperties.exitCode(), viaProperties.stderr());
        assertEquals(1, viaProperties.lines().size(), viaProperties.stdout());

        Run conflict = run(false, "metrics", "--kafka-property", "isolation.level=read_uncommitted");
        assertEquals(2, conflict.exitCode(), conflict.stderr());
        assertTrue(conflict.stderr().contains("isolation.level=read_uncommitted (--kafka-property) conflicts with the consumer's isolation.level=read_committed"),
                conflict.stderr());

        // TLS spoken to a plaintext listener gets no answer: after the 10 s API time-out the message names security.protocol
        long start = System.nanoTime();
        Run tls = run(false, "metrics", "--from-beginning", "--kafka-property", "security.protocol=SSL");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, tls.exitCode(), tls.stderr());
        assertTrue(tls.stderr().startsWith("driftwise tail: reading driftwise.metrics failed: ") && tls.stderr().contains("security.protocol (now SSL)"),
                tls.stderr());
        assertTrue(seconds < 15, "took " + seconds + " s");
    }

    @Test
    void helpAndMissingTopicsAreClear() throws Exception {
        Run help = run(false, "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--from-beginning") && help.stdout().contains("MODELS") && help.stdout().contains("--kafka-config"),
                help.stdout());
        Run missing = tail("models", "--topic", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("topic 'nope' does not exist"), missing.stderr());
    }
}
