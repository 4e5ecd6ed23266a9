package dev.driftwise.serving.http;

import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.testing.Http;
import dev.driftwise.serving.testing.Http.Answer;
import dev.driftwise.serving.testing.Published;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Latency of {@code POST /v1/streams/{stream}/predict} over real HTTP (JDK client, keep-alive, one request
 * at a time) for a 1-row and a 256-row request, on a standardising logistic model (d = 20) and a
 * standardising MLP 20-64-10, each trained briefly and published to a real broker. Every configuration is
 * warmed up first, then measured in 3 interleaved rounds; reports p50, p99 and the mean over all rounds,
 * with the range of the machine's 1-minute load average seen. Not a test: run by hand with
 * {@code mvn -B -o -pl serving -am test -Dtest=ServeLatencyBench -Dserving.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (requests per configuration, over all rounds: {@code -Dserving.bench.requests=3000}); results go to docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "serving.bench", matches = "true")
class ServeLatencyBench {

    private static final int INPUTS = 20;

    @Test
    void latencyOfOneRowAnd256RowRequests() throws Exception {
        int requests = Integer.getInteger("serving.bench.requests", 3000);
        List<ModelSpec> models = List.of(ModelSpec.logisticRegression(INPUTS).withStandardization(true),
                ModelSpec.mlp(INPUTS, new int[] {64}, Activation.RELU, Task.MULTICLASS, 10).withStandardization(true));
        SplittableRandom random = new SplittableRandom(1);
        List<String> lines = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            kafka.createTopic("bench-models", 1);
            List<KeyedValue> records = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                for (ModelSnapshot chunk : new ModelSnapshotChunker(900_000).split(trained(models.get(m), random, "m" + m))) {
                    records.add(new KeyedValue(ModelSnapshotChunker.kafkaKey(chunk), WireCodec.standard().encode(chunk)));
                }
            }
            kafka.send("bench-models", records);
            try (ScoringService service = ScoringService.start(SnapshotClient.builder(kafka.bootstrap()).optTopic("bench-models"),
                    new ScoringServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Freshness.any(), 10_000, 8))) {
                for (int m = 0; m < models.size(); m++) {
                    if (!service.client().awaitVersion("m" + m, 1, Duration.ofSeconds(60))) {
                        throw new AssertionError("m" + m + " not served: " + service.client().rejections());
                    }
                }
                Http http = new Http(service.url());
                System.out.println("example: " + http.post("/v1/streams/m0/predict", Http.rows(rows(random, 2))).body());
                List<String> paths = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int m = 0; m < models.size(); m++) {
                    for (int n : new int[] {1, 256}) {
                        paths.add("/v1/streams/m" + m + "/predict");
                        bodies.add(Http.rows(rows(random, n)));
                        names.add("| " + describe(models.get(m)) + " | " + n + " |");
                    }
                }
                for (int c = 0; c < paths.size(); c++) { // warm-up of every configuration first: JIT, libtorch, connections
                    measure(http, paths.get(c), bodies.get(c), 300);
                }
                // rounds interleave the configurations, so a change in machine load hits them alike
                int rounds = 3;
                long[][] nanos = new long[paths.size()][];
                double[] loadMin = new double[paths.size()];
                double[] loadMax = new double[paths.size()];
                Arrays.fill(loadMin, Double.MAX_VALUE);
                for (int r = 0; r < rounds; r++) {
                    for (int c = 0; c < paths.size(); c++) {
                        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                        loadMin[c] = Math.min(loadMin[c], load);
                        loadMax[c] = Math.max(loadMax[c], load);
                        long[] round = measure(http, paths.get(c), bodies.get(c), requests / rounds);
                        nanos[c] = nanos[c] == null ? round : concat(nanos[c], round);
                    }
                }
                for (int c = 0; c < paths.size(); c++) {
                    Arrays.sort(nanos[c]);
                    lines.add(String.format(Locale.ROOT, "%s %d | %.2f | %.2f | %.2f | %.1f–%.1f |", names.get(c), nanos[c].length,
                            percentile(nanos[c], 0.50), percentile(nanos[c], 0.99), mean(nanos[c]), loadMin[c], loadMax[c]));
                }
            }
        }
        System.out.println("| model | rows | requests | p50 ms | p99 ms | mean ms | load avg |");
        System.out.println("|---|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
    }

    private static ModelSnapshot trained(ModelSpec spec, SplittableRandom random, String stream) {
        String optimizer = "metaoptimize";
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(optimizer).optDevice(DeviceChoice.CPU).build()) {
            MicroBatch batch = learner.newBatch(32);
            for (int step = 0; step < 50; step++) {
                batch.clear();
                for (float[] x : rows(random, 32)) {
                    batch.add(x, spec.task() == Task.BINARY ? (x[0] > 0 ? 1 : 0) : (x[0] > 0 ? 1 : 0) + (x[1] > 0 ? 2 : 0));
                }
                learner.learn(batch);
            }
            return Published.of(stream, 1, learner, Instant.now());
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long[] measure(Http http, String path, String body, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Answer a = http.post(path, body);
            nanos[i] = System.nanoTime() - start;
            if (a.status() != 200) {
                throw new AssertionError(a.toString());
            }
        }
        return nanos;
    }

    private static float[][] rows(SplittableRandom random, int n) {
        float[][] rows = new float[n][INPUTS];
        for (float[] row : rows) {
            for (int j = 0; j < INPUTS; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    private static String describe(ModelSpec spec) {
        return spec.kind() == dev.driftwise.learner.model.ModelKind.MLP ? "mlp 20-64-10, standardised" : "logistic d=20, standardised";
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
