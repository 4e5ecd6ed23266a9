package dev.driftwise.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.dashboard.Dashboard;
import dev.driftwise.dashboard.testkit.Records;
import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.wire.WireCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side against a real broker: what is produced to the topics shows up in the JSON API. */
class DashboardHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireCodec CODEC = WireCodec.standard();
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private static final Instant MODEL_AT = Instant.now().minusSeconds(90);
    private static EmbeddedKafka kafka;
    private static Dashboard dashboard;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka();
        for (TopicKind k : TopicKind.values()) {
            kafka.createTopic(k.defaultTopic(), 1);
        }
        List<KeyedValue> metrics = new ArrayList<>();
        List<KeyedValue> steps = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            metrics.add(new KeyedValue("reg", CODEC.encode(Records.metrics("reg", i * 1000L, 1.0 / i, null, T0))));
            metrics.add(new KeyedValue("cls", CODEC.encode(Records.metrics("cls", i * 500L, 0.7, 0.5 + i * 0.01, T0))));
            steps.add(new KeyedValue("reg", CODEC.encode(Records.stepSizes("reg", i, i * 1000L, T0, 1e-3, 2e-4))));
        }
        metrics.add(new KeyedValue("bad", "not avro".getBytes(StandardCharsets.UTF_8)));
        kafka.send(TopicKind.METRICS.defaultTopic(), metrics);
        kafka.send(TopicKind.STEPSIZES.defaultTopic(), steps);
        // an aborted transaction: read_committed must never show it
        kafka.send(TopicKind.METRICS.defaultTopic(), List.of(new KeyedValue("ghost", CODEC.encode(Records.metrics("ghost", 1, 1, null, T0)))), false);
        kafka.send(TopicKind.MODELS.defaultTopic(), List.of(new KeyedValue("reg", CODEC.encode(Records.model("reg", 7, 0, 1, MODEL_AT)))));
        List<KeyedValue> samples = new ArrayList<>();
        for (long seq = 0; seq < 50; seq++) {
            samples.add(new KeyedValue("reg", CODEC.encode(Records.sample("reg", seq, seq < 30 ? 0 : 1, seq < 30 ? 0 : 1,
                    seq == 30 ? DriftPhase.ABRUPT : DriftPhase.STABLE, null))));
        }
        kafka.send(TopicKind.SAMPLES.defaultTopic(), samples);
        dashboard = Dashboard.start(new Dashboard.Settings(kafka.bootstrap(), Dashboard.defaultTopics(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, 500));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dashboard != null) {
            dashboard.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(dashboard.url()).resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitState(String what, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            state = JSON.readTree(get("/api/streams").body());
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        fail("waited 30 s for " + what + "; the last state was " + state);
        return null;
    }

    private static JsonNode stream(JsonNode state, String id) {
        for (JsonNode s : state.get("streams")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode topic(JsonNode state, String kind) {
        for (JsonNode t : state.get("topics")) {
            if (t.get("kind").asText().equals(kind)) {
                return t;
            }
        }
        fail("no topic " + kind + " in " + state.get("topics"));
        return null;
    }

    @Test
    void theApiShowsWhatWasProducedToTheBroker() throws Exception {
        JsonNode state = awaitState("20 metrics points for reg and cls, 50 samples", s -> stream(s, "reg") != null && stream(s, "cls") != null
                && stream(s, "reg").get("metrics").get("x").size() == 20 && stream(s, "cls").get("metrics").get("x").size() == 20
                && stream(s, "reg").get("counts").get("samples").asLong() == 50 && stream(s, "reg").get("snapshot") != null
                && !stream(s, "reg").get("snapshot").isNull());
        JsonNode reg = stream(state, "reg");
        JsonNode cls = stream(state, "cls");
        assertEquals("regression", reg.get("task").asText());
        assertEquals("classification", cls.get("task").asText());
        assertEquals(20_000, reg.get("metrics").get("x").get(19).asLong());
        assertEquals("[\"windowLoss\",\"fadingLoss\"]", reg.get("metrics").get("columns").toString());
        assertEquals(0.05, reg.get("metrics").get("y").get(0).get(19).asDouble(), 1e-12);
        assertEquals("[\"layer0\",\"layer1\"]", reg.get("alpha").get("columns").toString());
        assertEquals(20, reg.get("alpha").get("x").size());
        assertEquals(2e-4, reg.get("alpha").get("y").get(1).get(0).asDouble(), 1e-15);
        assertEquals(7, reg.get("snapshot").get("version").asLong());
        assertEquals(MODEL_AT.toEpochMilli(), reg.get("snapshot").get("createdAt").asLong());
        long ageMillis = state.get("now").asLong() - reg.get("snapshot").get("createdAt").asLong();
        assertTrue(ageMillis >= 90_000 && ageMillis < 300_000, "snapshot age from the server clock: " + ageMillis + " ms, expected 90 s and a little");
        assertEquals(1, reg.get("drifts").size(), "drift marks: " + reg.get("drifts"));
        assertEquals(30, reg.get("drifts").get(0).get("at").asLong());
        assertEquals(null, stream(state, "ghost"), "an aborted transaction's record was shown");
        JsonNode metrics = topic(state, "metrics");
        assertEquals(41, metrics.get("records").asLong(), "metrics records read: 40 good + 1 malformed");
        assertEquals(1, metrics.get("malformed").asLong());
        assertTrue(metrics.get("lastProblem").asText().startsWith("BAD_MAGIC"), metrics.get("lastProblem").asText());
        assertTrue(state.get("reader").asText().startsWith("reading "), "reader status: " + state.get("reader"));
    }

    @Test
    void withoutFromBeginningOnlyNewRecordsShowButTheModelsTopicIsReadWhole() throws Exception {
        kafka.createTopic("late.metrics", 1);
        kafka.send("late.metrics", List.of(new KeyedValue("early", CODEC.encode(Records.metrics("early", 100, 0.5, null, T0)))));
        Map<TopicKind, String> topics = new LinkedHashMap<>(Dashboard.defaultTopics());
        topics.put(TopicKind.METRICS, "late.metrics");
        try (Dashboard latest = Dashboard.start(new Dashboard.Settings(kafka.bootstrap(), topics,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, 500))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode state = null;
            while (System.nanoTime() < deadline) {
                state = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(latest.url() + "api/streams")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (state.get("reader").asText().startsWith("reading")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(state.get("reader").asText().startsWith("reading"), "reader status: " + state.get("reader"));
            kafka.send("late.metrics", List.of(new KeyedValue("late", CODEC.encode(Records.metrics("late", 200, 0.4, null, T0)))));
            while (System.nanoTime() < deadline && (stream(state, "late") == null || stream(state, "reg") == null)) {
                Thread.sleep(100);
                state = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(latest.url() + "api/streams")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            assertTrue(stream(state, "late") != null, "the record written after the start is shown: " + state);
            assertEquals(1, stream(state, "late").get("metrics").get("x").size());
            assertEquals(null, stream(state, "early"), "a record from before the start was shown without --from-beginning");
            assertEquals(7, stream(state, "reg").get("snapshot").get("version").asLong(), "the models topic is read from its beginning");
            assertEquals(0, stream(state, "reg").get("metrics").get("x").size());
        }
    }

    @Test
    void sinceAnswers204WhenNothingChanged() throws Exception {
        JsonNode state = awaitState("the samples read", s -> stream(s, "reg") != null && stream(s, "reg").get("counts").get("samples").asLong() == 50);
        long version = dashboard.store().version();
        assertTrue(version >= state.get("version").asLong());
        assertEquals(204, get("/api/streams?since=" + version).statusCode());
        assertEquals(200, get("/api/streams?since=" + (version - 1)).statusCode());
        long started = dashboard.store().startedAt().toEpochMilli();
        assertEquals(204, get("/api/streams?since=" + version + "&started=" + started).statusCode());
        assertEquals(200, get("/api/streams?since=" + version + "&started=" + (started - 1)).statusCode(),
                "a page that saw another server start gets the whole state");
    }

    @Test
    void eventsStreamTheStateAsServerSentEvents() throws Exception {
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard.url()).resolve("/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    JsonNode state = JSON.readTree(line.substring(6));
                    assertEquals("state", event);
                    assertTrue(state.has("streams") && state.has("topics") && state.has("now"), line);
                    return;
                }
            }
            fail("the event stream ended without a state event");
        }
    }

    @Test
    void thePageAndItsAssetsComeFromTheServerAlone() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Matcher ref = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> refs = new ArrayList<>();
        while (ref.find()) {
            refs.add(ref.group(1));
        }
        assertTrue(refs.contains("/assets/uPlot.iife.min.js"), "the page loads the bundled uPlot: " + refs);
        for (String r : refs) {
            assertTrue(r.startsWith("/"), "asset reference not same-origin: " + r);
            assertEquals(200, get(r).statusCode(), "GET " + r);
        }
        for (String own : List.of("/", "/assets/dashboard.js", "/assets/dashboard.css")) {
            String body = get(own).body();
            assertTrue(!body.contains("http://") && !body.contains("https://"), own + " names an external URL");
        }
        String uplot = get("/assets/uPlot.iife.min.js").body();
        assertTrue(uplot.contains("uPlot") && uplot.length() > 20_000, "uPlot served: " + uplot.length() + " chars");
        String licence = get("/licenses/uPlot-LICENSE.txt").body();
        assertTrue(licence.contains("MIT License") || licence.contains("Permission is hereby granted"), licence);
        assertEquals(404, get("/META-INF/MANIFEST.MF").statusCode(), "only listed assets are served");
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
    }
}
