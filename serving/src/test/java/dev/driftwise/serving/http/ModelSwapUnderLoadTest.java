package dev.driftwise.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.Snapshots;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.testing.Http;
import dev.driftwise.serving.testing.Http.Answer;
import dev.driftwise.serving.testing.Published;
import dev.driftwise.serving.testing.SharedBroker;
import dev.driftwise.serving.testing.SnapshotWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many concurrent HTTP requests while new versions of a standardising model arrive, chunked: every
 * response's predictions are exactly those of the version it reports, so no request saw weights of one
 * version with statistics or bias of another, and no client ever steps back to an older version.
 */
@Timeout(120)
@ExtendWith(SharedBroker.class)
class ModelSwapUnderLoadTest {

    private static final int INPUTS = 8;
    private static final int VERSIONS = 30;
    private static final int CLIENTS = 8;
    private static final ModelSpec SPEC = ModelSpec.linearRegression(INPUTS).withStandardization(true);

    /**
     * Version v: weight j = v·(j+1)/10, bias v, feature mean v and standard deviation v. Any mix of two
     * versions predicts something no single version predicts.
     */
    private static ModelSnapshot version(long v) {
        float[] w = new float[INPUTS];
        double[] mean = new double[INPUTS];
        double[] m2 = new double[INPUTS];
        for (int j = 0; j < INPUTS; j++) {
            w[j] = v * (j + 1) / 10f;
            mean[j] = v;
            m2[j] = 100.0 * v * v; // count 100: variance v²
        }
        ModelSnapshot plain = Snapshots.build("hot", v, SPEC.toCanonicalString(), List.of(
                Snapshots.tensor("layer0.weight", new long[] {INPUTS, 1}, w),
                Snapshots.tensor("layer0.bias", new long[] {1}, new float[] {v})), Instant.now());
        return Published.withStatistics(plain, new FeatureStandardizer.Statistics(100, mean, m2));
    }

    /** What version v predicts for the rows, computed apart from the service (the library, in this thread). */
    private static double[] expected(long v, float[][] rows) {
        ModelSnapshot s = version(v);
        List<ParameterTensor> params = List.of(
                new ParameterTensor("layer0.weight", new long[] {INPUTS, 1}, floats(s, 0)),
                new ParameterTensor("layer0.bias", new long[] {1}, floats(s, 1)));
        double[] mean = new double[INPUTS];
        double[] m2 = new double[INPUTS];
        Arrays.fill(mean, v);
        Arrays.fill(m2, 100.0 * v * v);
        try (PredictOnlyModel model = PredictOnlyModel.of(SPEC, params, new FeatureStandardizer.Statistics(100, mean, m2),
                DeviceChoice.CPU)) {
            MicroBatch batch = model.newBatch(rows.length);
            for (float[] row : rows) {
                batch.add(row, 0);
            }
            return model.predict(batch);
        }
    }

    private static float[] floats(ModelSnapshot s, int tensor) {
        return dev.driftwise.schemas.wire.TensorCodec.decodeFloats(s.getTensors().get(tensor).getData());
    }

    @Test
    void concurrentRequestsDuringSwapsEachSeeOneWholeVersion() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        float[][] one = rows(random, 1);
        float[][] many = rows(random, 32);
        double[][] expectedOne = new double[VERSIONS + 1][];
        double[][] expectedMany = new double[VERSIONS + 1][];
        for (int v = 1; v <= VERSIONS; v++) {
            expectedOne[v] = expected(v, one);
            expectedMany[v] = expected(v, many);
        }
        EmbeddedKafka kafka = SharedBroker.kafka();
        kafka.createTopic("swap-models", 1);
        // several chunks per version: each swap follows an assembly
        try (SnapshotWriter writer = new SnapshotWriter(kafka.bootstrap(), "swap-models", 48)) {
            writer.publish(version(1));
            try (ScoringService service = ScoringService.start(SnapshotClient.builder(kafka.bootstrap()).optTopic("swap-models"),
                    new ScoringServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Freshness.any(), 1000, CLIENTS))) {
                assertTrue(service.client().awaitVersion("hot", 1, Duration.ofSeconds(30)), "v1 not served: " + service.client().rejections());
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                Set<Long> seen = ConcurrentHashMap.newKeySet();
                AtomicInteger requests = new AtomicInteger();
                AtomicInteger afterLast = new AtomicInteger();
                List<Thread> clients = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    Thread t = new Thread(() -> {
                        Http http = new Http(service.url());
                        long previous = 0;
                        for (int i = 0; afterLast.get() < 4 * CLIENTS && System.nanoTime() < deadline; i++) {
                            boolean small = (i + id) % 2 == 0;
                            try {
                                Answer a = http.post("/v1/streams/hot/predict", Http.rows(small ? one : many));
                                requests.incrementAndGet();
                                if (a.status() != 200) {
                                    problems.add("client " + id + ": " + a);
                                    continue;
                                }
                                long v = a.json().at("/model/version").asLong();
                                seen.add(v);
                                if (v < previous) {
                                    problems.add("client " + id + " went back from v" + previous + " to v" + v);
                                }
                                previous = v;
                                double[] want = small ? expectedOne[(int) v] : expectedMany[(int) v];
                                JsonNode predictions = a.json().get("predictions");
                                for (int r = 0; r < want.length; r++) {
                                    double got = predictions.get(r).get("value").asDouble();
                                    if (got != want[r]) {
                                        problems.add("client " + id + ": v" + v + " row " + r + " predicted " + got + ", v" + v
                                                + " predicts " + want[r] + " (a torn model?)");
                                    }
                                }
                                if (v == VERSIONS) {
                                    afterLast.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                problems.add("client " + id + ": " + e);
                            }
                        }
                    }, "client-" + c);
                    clients.add(t);
                    t.start();
                }
                for (long v = 2; v <= VERSIONS; v++) {
                    writer.publish(version(v));
                    Thread.sleep(30);
                }
                for (Thread t : clients) {
                    t.join(60_000);
                }
                assertEquals(List.of(), new ArrayList<>(problems).subList(0, Math.min(10, problems.size())),
                        problems.size() + " problems");
                assertTrue(seen.contains((long) VERSIONS), "the last version was never served: saw " + seen);
                assertTrue(seen.size() >= 5, "requests should span many swaps; saw versions " + seen);
                assertEquals(List.of(), service.client().rejections());
                System.out.printf("swap under load: %d requests from %d clients saw %d of %d versions%n", requests.get(), CLIENTS,
                        seen.size(), VERSIONS);
            }
        }
    }

    private static float[][] rows(SplittableRandom random, int n) {
        float[][] rows = new float[n][INPUTS];
        for (float[] row : rows) {
            for (int j = 0; j < INPUTS; j++) {
                row[j] = (float) (20 * random.nextDouble() - 5);
            }
        }
        return rows;
    }
}
