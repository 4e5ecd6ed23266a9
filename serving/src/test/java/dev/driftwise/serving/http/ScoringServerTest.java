package dev.driftwise.serving.http;

import static dev.driftwise.serving.testing.Eventually.await;
import static dev.driftwise.serving.testing.Published.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.serving.testing.SharedBroker;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.testing.Http;
import dev.driftwise.serving.testing.Http.Answer;
import dev.driftwise.serving.testing.Published;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scoring service over real HTTP, on a real KRaft broker: exact predictions, errors that name the field, freshness. */
@Timeout(90)
@ExtendWith(SharedBroker.class)
class ScoringServerTest {

    private static final int INPUTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = SharedBroker.kafka();
    }

    static ScoringService start(String topic, Freshness freshness, int maxRows) throws Exception {
        return ScoringService.start(SnapshotClient.builder(kafka.bootstrap()).optTopic(topic),
                new ScoringServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), freshness, maxRows, 4));
    }

    @Test
    void predictsEveryModelKindOverHttpExactlyAsTheLearnerWithVersionAgeAndProvenance() throws Exception {
        String topic = SharedBroker.newTopic("serve");
        int inputs = 5;
        String optimizer = "metaoptimize";
        List<ModelSpec> specs = Published.everyModelKind(inputs);
        List<OnlineLearner> learners = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        try (ScoringService service = start(topic, Freshness.any(), 1000)) {
            List<KeyedValue> records = new ArrayList<>();
            for (int k = 0; k < specs.size(); k++) {
                ModelSpec spec = specs.get(k);
                OnlineLearner learner = OnlineLearner.builder(spec).optimizer(optimizer).optDevice(DeviceChoice.CPU).build();
                learners.add(learner);
                MicroBatch batch = learner.newBatch(8);
                for (int step = 0; step < 10; step++) {
                    batch.clear();
                    for (int i = 0; i < 8; i++) {
                        float[] x = row(random, inputs);
                        batch.add(x, spec.task().isClassification() ? (x[0] > 10 ? 1 : 0) : x[0] - x[1]);
                    }
                    learner.learn(batch);
                }
                records.add(record(Published.of("kind-" + k, 3, learner, Instant.now().minusSeconds(2))));
            }
            kafka.send(topic, records);
            Http http = new Http(service.url());
            for (int k = 0; k < specs.size(); k++) {
                String stream = "kind-" + k;
                assertTrue(service.client().awaitVersion(stream, 3, Duration.ofSeconds(30)), stream + ": " + service.client().rejections());
                ModelSpec spec = specs.get(k);
                float[][] rows = new float[16][];
                MicroBatch probe = learners.get(k).newBatch(rows.length);
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = row(random, inputs);
                    probe.add(rows[i], 0);
                }
                double[] expected = learners.get(k).predict(probe);
                Answer a = http.post("/v1/streams/" + stream + "/predict", Http.rows(rows));
                assertEquals(200, a.status(), a.toString());
                assertEquals(stream, a.json().get("stream").asText());
                JsonNode model = a.json().get("model");
                assertEquals(3, model.get("version").asLong());
                long age = model.get("ageMs").asLong();
                assertTrue(age >= 2000 && age < 60_000, "age of a snapshot cut 2 s before publishing: " + age + " ms");
                assertEquals(JSON.readTree(spec.toCanonicalString()), model.get("spec"));
                JsonNode provenance = model.get("provenance");
                assertEquals("test", provenance.at("/producer/name").asText(), provenance.toString());
                assertEquals("sgd", provenance.at("/optimizer/name").asText());
                assertEquals(30, provenance.get("step").asLong());
                assertEquals(0.5, provenance.at("/summaryMetrics/windowLoss").asDouble());
                JsonNode predictions = a.json().get("predictions");
                assertEquals(rows.length, predictions.size());
                int outputs = spec.outputs();
                for (int i = 0; i < rows.length; i++) {
                    JsonNode p = predictions.get(i);
                    String at = spec + " row " + i + ": " + p;
                    switch (spec.task()) {
                        case REGRESSION -> assertEquals(expected[i], p.get("value").asDouble(), 0.0, at);
                        case BINARY -> {
                            assertEquals(expected[i], p.get("value").asDouble(), 0.0, at);
                            assertEquals(expected[i] >= 0.5 ? 1 : 0, p.get("class").asInt(), at);
                            assertEquals(expected[i], p.at("/probabilities/1").asDouble(), 0.0, at);
                            assertEquals(1 - expected[i], p.at("/probabilities/0").asDouble(), 0.0, at);
                        }
                        case MULTICLASS -> {
                            int best = 0;
                            for (int c = 0; c < outputs; c++) {
                                assertEquals(expected[i * outputs + c], p.get("probabilities").get(c).asDouble(), 0.0, at);
                                best = expected[i * outputs + c] > expected[i * outputs + best] ? c : best;
                            }
                            assertEquals(best, p.get("class").asInt(), at);
                        }
                    }
                }
            }
        } finally {
            learners.forEach(OnlineLearner::close);
        }
    }

    /** Features off zero mean and unit scale, written as floats so their JSON text reads back bit for bit. */
    private static float[] row(SplittableRandom random, int inputs) {
        float[] x = new float[inputs];
        for (int j = 0; j < inputs; j++) {
            x[j] = (float) (10 * j + (1 + j) * random.nextGaussian());
        }
        return x;
    }

    @Test
    void refusesBadRequestsWithAStatusACodeAndTheField() throws Exception {
        String topic = SharedBroker.newTopic("serve");
        kafka.send(topic, List.of(record(Snapshots.linear("s", 1, INPUTS, 1f, 0f, Instant.now()))));
        try (ScoringService service = start(topic, Freshness.any(), 3)) {
            assertTrue(service.client().awaitVersion("s", 1, Duration.ofSeconds(30)));
            Http http = new Http(service.url());
            String predict = "/v1/streams/s/predict";
            assertEquals(200, http.post(predict, "{\"rows\": [[1, 2, 3, 4]]}").status(), "a good request first");

            expect(http.post(predict, "{\"rows\": [[1, 2, 3]]}"), 400, "WRONG_FEATURE_COUNT", "rows[0]", "takes 4");
            expect(http.post(predict, "{\"rows\": [[1, 2, 3, 4], [1, 2]]}"), 400, "WRONG_FEATURE_COUNT", "rows[1]", "rows[0] has 4");
            expect(http.post(predict, "{\"rows\": [[1, 2, 3, NaN]]}"), 400, "NON_FINITE", "rows[0][3]", "NaN");
            expect(http.post(predict, "{\"rows\": [[1, -Infinity, 3, 4]]}"), 400, "NON_FINITE", "rows[0][1]", "-Infinity");
            expect(http.post(predict, "{\"rows\": [[1, 2, 3, 1e39]]}"), 400, "NON_FINITE", "rows[0][3]", "1e39");
            expect(http.post(predict, "{\"rows\": [[1, 2, \"3\", 4]]}"), 400, "WRONG_TYPE", "rows[0][2]", "the string \"3\"");
            expect(http.post(predict, "{\"rows\": [[1, 2, null, 4]]}"), 400, "WRONG_TYPE", "rows[0][2]", "null");
            expect(http.post(predict, "{\"rows\": [1, 2, 3, 4]}"), 400, "WRONG_TYPE", "rows[0]", "not an array");
            expect(http.post(predict, "{\"rows\": [[1, 2, 3, 4]"), 400, "MALFORMED_JSON", null, "line 1");
            expect(http.post(predict, "{\"rows\": [[1, 2, 3, 4]]} trailing"), 400, "MALFORMED_JSON", null, "{\"rows\"");
            expect(http.post(predict, "{\"row\": [[1, 2, 3, 4]]}"), 400, "WRONG_TYPE", "row", "unknown field 'row'");
            expect(http.post(predict, "{}"), 400, "MISSING_FIELD", "rows", "missing");
            expect(http.post(predict, "{\"rows\": []}"), 400, "MISSING_FIELD", "rows", "empty");
            expect(http.post(predict, "[[1, 2, 3, 4]]"), 400, "WRONG_TYPE", null, "not a JSON object");
            expect(http.post(predict, "{\"rows\": [[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]}"), 413, "TOO_LARGE", "rows", "--max-rows");
            expect(http.post("/v1/streams/nope/predict", "{\"rows\": [[1, 2, 3, 4]]}"), 404, "UNKNOWN_STREAM", null, "streams: s");
            Answer get = http.get(predict);
            expect(get, 405, "METHOD_NOT_ALLOWED", null, "use POST");
            assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
            expect(http.get("/v2/anything"), 404, "NOT_FOUND", null, "POST /v1/streams/{stream}/predict");
            assertEquals(200, http.post(predict, "{\"rows\": [[1, 2, 3, 4]]}").status(), "bad requests leave the service serving");
        }
    }

    private static void expect(Answer a, int status, String code, String field, String inMessage) {
        assertEquals(status, a.status(), a.toString());
        JsonNode e = a.json().get("error");
        assertEquals(status, e.get("status").asInt(), a.toString());
        assertEquals(code, e.get("code").asText(), a.toString());
        assertEquals(field, e.get("field").isNull() ? null : e.get("field").asText(), a.toString());
        assertTrue(e.get("message").asText().contains(inMessage), "message should contain '" + inMessage + "': " + a);
    }

    @Test
    void aStaleModelIs503WithTheReasonAndTheStreamListSaysWhy() throws Exception {
        String topic = SharedBroker.newTopic("serve");
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        ModelSnapshot broken = Snapshots.build("old", 5, "not json", Snapshots.linear("old", 5, INPUTS, 1f, 0f, hourAgo).getTensors(), hourAgo);
        kafka.send(topic, List.of(record(Snapshots.linear("old", 4, INPUTS, 1f, 0f, hourAgo)), record(broken),
                record(Snapshots.linear("new", 1, INPUTS, 2f, 0f, Instant.now()))));
        try (ScoringService service = start(topic, Freshness.maxAge(Duration.ofMinutes(10)).andMaxVersionLag(0), 100)) {
            await(() -> service.client().servedVersion("new").isPresent() && service.client().lastRejection("old").isPresent(),
                    "new served and old v5 rejected");
            Http http = new Http(service.url());
            Answer stale = http.post("/v1/streams/old/predict", "{\"rows\": [[1, 2, 3, 4]]}");
            expect(stale, 503, "NO_FRESH_MODEL", null, "ms old and 1 version(s) behind");
            assertTrue(stale.json().at("/error/message").asText().contains("BAD_MODEL_SPEC"), "names the rejected snapshot: " + stale);
            assertEquals("5", stale.headers().firstValue("Retry-After").orElse(null));
            assertEquals(20.0, http.post("/v1/streams/new/predict", "{\"rows\": [[1, 2, 3, 4]]}").json()
                    .at("/predictions/0/value").asDouble(), 0.0, "the fresh stream serves: 2·(1+2+3+4)");

            Answer list = http.get("/v1/streams");
            assertEquals(200, list.status(), list.toString());
            assertEquals(topic, list.json().get("topic").asText());
            assertTrue(list.json().get("caughtUp").asBoolean());
            assertEquals("at most 600000 ms old and at most 0 version(s) behind", list.json().get("freshness").asText());
            JsonNode streams = list.json().get("streams");
            assertEquals(2, streams.size(), list.toString());
            JsonNode newStream = streams.get(0);
            JsonNode old = streams.get(1);
            assertEquals("new", newStream.get("stream").asText());
            assertTrue(newStream.get("fresh").asBoolean(), newStream.toString());
            assertEquals(1, newStream.at("/model/version").asLong());
            assertEquals("old", old.get("stream").asText());
            assertEquals(4, old.get("servedVersion").asLong());
            assertEquals(5, old.get("newestSeenVersion").asLong());
            assertTrue(!old.get("fresh").asBoolean() && old.get("reason").asText().contains("behind"), old.toString());
            assertTrue(old.at("/model/ageMs").asLong() >= 3_600_000, old.toString());

            Answer one = http.get("/v1/streams/old");
            assertEquals(200, one.status(), one.toString());
            assertEquals("BAD_MODEL_SPEC", one.json().at("/lastRejection/reason").asText(), one.toString());
            assertEquals(5, one.json().at("/lastRejection/version").asLong());
            assertEquals("run", one.json().at("/model/provenance/producer/runId").asText());
            expect(http.get("/v1/streams/missing"), 404, "UNKNOWN_STREAM", null, "streams: new, old");
        }
    }

    @Test
    void beforeItsTopicExistsTheServiceIsLoadingThenServesOnceAModelArrives() throws Exception {
        String topic = "serve-later-" + System.nanoTime();
        try (ScoringService service = start(topic, Freshness.any(), 100)) {
            Http http = new Http(service.url());
            Answer health = http.get("/healthz");
            assertEquals(200, health.status(), health.toString());
            assertEquals("loading", health.json().get("status").asText());
            expect(http.post("/v1/streams/s/predict", "{\"rows\": [[1, 2, 3, 4]]}"), 503, "LOADING", null, "still reading " + topic);
            kafka.createTopic(topic, 1);
            kafka.send(topic, List.of(record(Snapshots.linear("s", 1, INPUTS, 1f, 1f, Instant.now()))));
            assertTrue(service.client().awaitVersion("s", 1, Duration.ofSeconds(30)));
            assertEquals(11.0, http.post("/v1/streams/s/predict", "{\"rows\": [[1, 2, 3, 4]]}").json()
                    .at("/predictions/0/value").asDouble(), 0.0);
            await(() -> "serving".equals(http.get("/healthz").json().get("status").asText()), "health to say serving");
            assertEquals(1, http.get("/healthz").json().get("streams").asInt());
        }
    }
}
