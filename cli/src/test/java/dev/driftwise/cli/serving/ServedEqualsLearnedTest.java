package dev.driftwise.cli.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.cli.broker.LocalKafkaBroker;
import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.serving.ModelLease;
import dev.driftwise.serving.SnapshotClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the job learned is exactly what a consumer serves. A real broker, the training job in a local
 * Flink (MiniCluster), one stream per model kind (linear, logistic, softmax, MLP, each with and without
 * standardisation); a {@link SnapshotClient} reads the models topic while the job runs and, as each
 * version v is swapped in, predicts a fixed set of rows through a lease of v. The job is deterministic
 * (micro-batches close on a count per key), so replaying the same samples through the job's own learner
 * factory, offline, reproduces the learner at every step: at the step v was cut, the learner's own
 * predictions must equal the served ones bit for bit.
 *
 * <p>Lives in {@code cli}: it needs the job and {@code serving}, nothing may depend on {@code jobs} but
 * {@code cli}, and {@code cli} already holds the whole-system tests (the demo, docker-compose.yml).
 */
@Timeout(300)
class ServedEqualsLearnedTest {

    private static final int INPUTS = 6;
    private static final int PER_STREAM = 300;
    private static final int MICRO_BATCH = 16;
    private static final int SNAPSHOT_EVERY = 5;

    /** Stream id → model spec: every kind the job trains, with and without standardisation. */
    private static Map<String, ModelSpec> streams() {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        List<ModelSpec> kinds = List.of(ModelSpec.linearRegression(INPUTS), ModelSpec.logisticRegression(INPUTS),
                ModelSpec.softmaxRegression(INPUTS, 3), ModelSpec.mlp(INPUTS, new int[] {16}, Activation.RELU, Task.MULTICLASS, 3));
        for (ModelSpec kind : kinds) {
            m.put(kind.kind().id(), kind.withSeed(5));
            m.put(kind.kind().id() + "-standardized", kind.withSeed(5).withStandardization(true));
        }
        return m;
    }

    /** Raw-scale features (means 0 … 50, scales 1 … 6), so standardisation changes every prediction. */
    private static float[] features(SplittableRandom random) {
        float[] x = new float[INPUTS];
        for (int j = 0; j < INPUTS; j++) {
            x[j] = (float) (10 * j + (1 + j) * random.nextGaussian());
        }
        return x;
    }

    private static double target(ModelSpec spec, float[] x, SplittableRandom random) {
        double z = 0.5 * (x[0] - 0) - 0.3 * (x[1] - 10) + 0.2 * (x[2] - 20);
        return switch (spec.task()) {
            case REGRESSION -> z + 0.1 * random.nextGaussian();
            case BINARY -> z > 0 ? 1 : 0;
            case MULTICLASS -> z < -0.5 ? 0 : z < 0.5 ? 1 : 2;
        };
    }

    /** One version as the client served it: the step it was cut at and its predictions on the probe rows. */
    private record Served(long version, long step, double[] predictions) {}

    @Test
    void everyServedVersionOfEveryModelKindPredictsExactlyAsTheLearnerDidWhenItPublishedIt() throws Exception {
        Map<String, ModelSpec> streams = streams();
        Map<String, List<float[]>> featuresByStream = new LinkedHashMap<>();
        Map<String, List<Double>> targetsByStream = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < PER_STREAM; i++) {
            for (Map.Entry<String, ModelSpec> s : streams.entrySet()) { // interleaved, as streams arrive
                float[] x = features(random);
                double y = target(s.getValue(), x, random);
                featuresByStream.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(x);
                targetsByStream.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(y);
                List<Float> boxed = new ArrayList<>(INPUTS);
                for (float f : x) {
                    boxed.add(f);
                }
                samples.add(Sample.newBuilder().setStreamId(s.getKey()).setSeq(i).setEventTime(Instant.ofEpochMilli(1_800_000_000_000L + i))
                        .setFeatures(boxed).setTarget(y).build());
            }
        }
        float[][] probe = new float[24][];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = features(random);
        }

        try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
            String bootstrap = broker.bootstrap();
            writeSamples(bootstrap, "e2e.samples", samples);
            List<String> flags = new ArrayList<>(List.of("--bootstrap", bootstrap, "--samples-topic", "e2e.samples",
                    "--models-topic", "e2e.models", "--stepsizes-topic", "e2e.stepsizes", "--metrics-topic", "e2e.metrics",
                    "--dlq-topic", "e2e.dlq", "--group-id", "e2e", "--transactional-id-prefix", "e2e", "--create-topics", "true",
                    "--micro-batch", String.valueOf(MICRO_BATCH), "--snapshot-every", String.valueOf(SNAPSHOT_EVERY),
                    "--checkpoint-interval", "300ms", "--parallelism", "2", "--device", "cpu", "--bounded", "true"));
            for (Map.Entry<String, ModelSpec> s : streams.entrySet()) {
                flags.addAll(List.of("--stream." + s.getKey() + ".model", s.getValue().toCanonicalString()));
            }
            JobOptions options = JobOptions.parse(flags.toArray(String[]::new));

            Map<String, List<Served>> served = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            // started before the job, so every version passes through it; predicting in onServed (the client's
            // thread, right after the swap) leases exactly the version just swapped in
            SnapshotClient[] holder = new SnapshotClient[1];
            try (SnapshotClient client = SnapshotClient.builder(bootstrap).optTopic("e2e.models").optOnServed(e -> {
                try (ModelLease lease = holder[0].acquire(e.streamId())) {
                    MicroBatch batch = lease.newBatch(probe.length);
                    for (float[] row : probe) {
                        batch.add(row, 0);
                    }
                    served.computeIfAbsent(e.streamId(), k -> new ArrayList<>())
                            .add(new Served(lease.version(), lease.step(), lease.predict(batch)));
                } catch (Exception ex) {
                    problems.add(e + ": " + ex);
                }
            }).build()) {
                holder[0] = client;
                client.start();
                OnlineTrainingJob.run(options, new Learners(), flinkConfig());

                int steps = (PER_STREAM + MICRO_BATCH - 1) / MICRO_BATCH; // the last, partial batch is learned at the end
                long versions = steps / SNAPSHOT_EVERY + (steps % SNAPSHOT_EVERY == 0 ? 0 : 1);
                for (String stream : streams.keySet()) {
                    assertTrue(client.awaitVersion(stream, versions, Duration.ofSeconds(60)), stream + ": v" + versions
                            + " not served; served " + client.servedVersion(stream) + ", rejections " + client.rejections());
                }
                assertEquals(List.of(), new ArrayList<>(problems));
                assertEquals(List.of(), client.rejections(), "every snapshot the job published is servable");

                for (Map.Entry<String, ModelSpec> s : streams.entrySet()) {
                    List<Served> versionsServed = served.get(s.getKey());
                    assertEquals(versions, versionsServed.size(), s.getKey() + ": every version served once, in order");
                    assertFalse(Arrays.equals(versionsServed.get(0).predictions(), versionsServed.get((int) versions - 1).predictions()),
                            s.getKey() + ": the model learned between its first and last version (else the comparison proves little)");
                    replayAndCompare(options.settingsFor(s.getKey()), s.getValue(), featuresByStream.get(s.getKey()),
                            targetsByStream.get(s.getKey()), probe, versionsServed, s.getKey());
                }
            }
        }
    }

    /**
     * Trains the job's own learner (same factory, same settings) on the stream's samples in the job's
     * micro-batches; at each served version's step, the learner predicts the probe rows as the served model must.
     */
    private static void replayAndCompare(LearnerSettings settings, ModelSpec spec, List<float[]> features, List<Double> targets,
                                         float[][] probe, List<Served> versions, String stream) {
        try (Learner learner = new Learners().create(settings)) {
            assertEquals(spec.toCanonicalString(), learner.spec().toCanonicalString(), stream + ": the job's learner for the stream");
            MicroBatch batch = learner.newBatch(MICRO_BATCH);
            MicroBatch rows = learner.newBatch(probe.length);
            for (float[] row : probe) {
                rows.add(row, 0);
            }
            double[] predictions = new double[probe.length * Math.max(1, spec.outputs())];
            int next = 0;
            int at = 0;
            for (Served v : versions) {
                assertEquals(next + 1, v.version(), stream + ": versions 1, 2, 3 ... in order");
                while (learner.status().steps() < v.step()) {
                    int n = Math.min(MICRO_BATCH, features.size() - at);
                    batch.clear();
                    for (int i = 0; i < n; i++) {
                        batch.add(features.get(at + i), targets.get(at + i));
                    }
                    learner.learn(batch);
                    at += n;
                }
                learner.predict(rows, predictions);
                assertArrayEquals(Arrays.copyOf(predictions, v.predictions().length), v.predictions(), 0.0, stream + " v"
                        + v.version() + " (step " + v.step()
                        + "): served predictions must equal the learner's when it published them, bit for bit");
                next++;
            }
            System.out.printf("%s: %d versions served, each equal to the learner at its step%n", stream, versions.size());
        }
    }

    private static void writeSamples(String bootstrap, String topic, List<Sample> samples) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        WireCodec codec = WireCodec.standard();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Sample s : samples) {
                producer.send(new ProducerRecord<>(topic, s.getStreamId(), codec.encode(s)));
            }
            producer.flush();
        }
    }

    private static Configuration flinkConfig() {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none"); // fail with the reason instead of restarting forever (stack notes §9.5)
        conf.setString("taskmanager.memory.network.fraction", "0.05");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.bind-port", "0");
        return conf;
    }
}
