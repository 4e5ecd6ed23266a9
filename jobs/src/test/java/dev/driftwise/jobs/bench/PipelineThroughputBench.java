package dev.driftwise.jobs.bench;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipeline throughput, samples/s from the input topic to the output topics, for linear d = 20 and an
 * MLP 100-128-10 at micro-batch 1, 32 and 256, beside the same pipeline with a pass-through learner.
 * Each run's rate is taken between the first and the last metrics record's send time, so job start-up
 * and the first 1/20 of the input are left out. Every configuration runs {@code jobs.bench.repeats}
 * times, interleaved (round 1 runs each once, then round 2, ...), so a change in machine load hits all
 * configurations alike; the table gives the median, the range and the 1-minute load average seen. A
 * second table gives the CPU time per sample in the same windows by thread role ({@link CpuSampler}),
 * which other processes' load moves far less than the wall-clock rate.
 * Not a test: run by hand with
 * {@code mvn -B -o -pl jobs -am test -Dtest=PipelineThroughputBench -Djobs.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: {@code -Djobs.bench.linear=1000000 -Djobs.bench.linear1=20000 -Djobs.bench.mlp=200000
 * -Djobs.bench.mlp1=5000 -Djobs.bench.repeats=2}; {@code -Djobs.bench.only=linear} or {@code mlp} runs half;
 * {@code -Djobs.bench.jfr=/some/dir} writes a JFR profile of every run).
 */
@ExtendWith(KafkaTestBroker.class)
@EnabledIfSystemProperty(named = "jobs.bench", matches = "true")
class PipelineThroughputBench {

    private static final int LINEAR_SAMPLES = Integer.getInteger("jobs.bench.linear", 1_000_000);
    /** Micro-batch 1 is ~50× slower: a smaller input gives a window of similar length. */
    private static final int LINEAR_B1_SAMPLES = Integer.getInteger("jobs.bench.linear1", 20_000);
    private static final int MLP_SAMPLES = Integer.getInteger("jobs.bench.mlp", 200_000);
    private static final int MLP_B1_SAMPLES = Integer.getInteger("jobs.bench.mlp1", 5_000);
    private static final int REPEATS = Integer.getInteger("jobs.bench.repeats", 2);
    private static final String ONLY = System.getProperty("jobs.bench.only", "");
    /** When set, a JFR recording (settings "profile") of each run is written there. */
    private static final String PROFILE_DIR = System.getProperty("jobs.bench.jfr", "");
    private static final String META = "default";

    /** One configuration of the table; {@code baseline} names the pass-through row it is compared with. */
    private record Config(String label, String model, String optimizer, int batch, TestTopics input, int samples,
                          String baseline) {
        String name() {
            return label + " b=" + batch;
        }
    }

    /** One run's outcome; {@code cpu}: CPU seconds per thread role in the measured window. */
    private record Run(double rate, double windowSeconds, double load, long samples, Map<String, Double> cpu) {
        /** CPU µs per sample of one role, or of all when {@code role} is null. */
        double micros(String role) {
            double s = role == null ? cpu.values().stream().mapToDouble(Double::doubleValue).sum() : cpu.get(role);
            return 1e6 * s / samples;
        }
    }

    private static CpuSampler cpu;

    @Test
    void throughput() throws Exception {
        try (CpuSampler sampler = new CpuSampler()) {
            cpu = sampler;
            measure();
        }
    }

    /**
     * One model family: its pass-through baseline (micro-batch 32) and the learner at micro-batch 1
     * (on a shorter input of its own), 32 and 256, each compared with that baseline.
     */
    private void addFamily(List<Config> configs, String topic, int d, int classes, String label, String model,
                           int samples, int b1Samples) throws Exception {
        TestTopics input = input(topic, d, classes, samples);
        TestTopics input1 = input(topic + "1", d, classes, b1Samples);
        String baseline = "pass-through d=" + d;
        configs.add(new Config(baseline, "passthrough:" + d, "sgd(lr=0.01)", 32, input, samples, null));
        configs.add(new Config(label, model, META, 1, input1, b1Samples, baseline + " b=32"));
        for (int b : new int[] {32, 256}) {
            configs.add(new Config(label, model, META, b, input, samples, baseline + " b=32"));
        }
    }

    private void measure() throws Exception {
        List<Config> configs = new ArrayList<>();
        if (!ONLY.equals("mlp")) {
            addFamily(configs, "bench-linear", 20, 1, "linear d=20, MetaOptimize", "linear:20", LINEAR_SAMPLES, LINEAR_B1_SAMPLES);
        }
        if (!ONLY.equals("linear")) {
            addFamily(configs, "bench-mlp", 100, 10, "MLP 100-128-10, MetaOptimize", "mlp:100-128-10", MLP_SAMPLES, MLP_B1_SAMPLES);
        }
        // warm-up (JIT, broker, DJL natives): one short run of the pass-through and of a DJL learner
        Config first = configs.get(0);
        run(new Config("warm-up", first.model, first.optimizer, 32, configs.get(1).input, configs.get(1).samples, null));
        run(new Config("warm-up", configs.get(2).model, META, 32, configs.get(1).input, configs.get(1).samples, null));

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 0; round < REPEATS; round++) {
            for (Config c : configs) {
                runs.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(run(c));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("| model | micro-batch | samples | samples/s (median) | range | window s | vs pass-through | load (1 min) |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Config c : configs) {
            List<Run> r = runs.get(c.name());
            double median = median(r.stream().mapToDouble(Run::rate).toArray());
            double base = c.baseline == null ? median
                    : median(runs.get(c.baseline).stream().mapToDouble(Run::rate).toArray());
            lines.add(String.format("| %s | %d | %d | %.0f | %.0f–%.0f | %.1f | %.2f | %.1f–%.1f |", c.label, c.batch, c.samples,
                    median, r.stream().mapToDouble(Run::rate).min().orElse(0), r.stream().mapToDouble(Run::rate).max().orElse(0),
                    median(r.stream().mapToDouble(Run::windowSeconds).toArray()), median / base,
                    r.stream().mapToDouble(Run::load).min().orElse(0), r.stream().mapToDouble(Run::load).max().orElse(0)));
        }
        lines.add("");
        lines.add("CPU µs per sample in the same windows (median over runs), by thread: learner = keyed learner task "
                + "(deserialize, train, encode outputs); decode = source task (Kafka record, decode, serialize for the "
                + "shuffle); fetch = Kafka consumer; sink = Kafka sink; other = in-process broker, Flink runtime, JVM.");
        lines.add("");
        StringBuilder head = new StringBuilder("| model | micro-batch | total");
        StringBuilder rule = new StringBuilder("|---|---|---");
        for (String role : CpuSampler.ROLES) {
            head.append(" | ").append(role);
            rule.append("|---");
        }
        lines.add(head.append(" | samples per CPU-second |").toString());
        lines.add(rule.append("|---|").toString());
        for (Config c : configs) {
            List<Run> r = runs.get(c.name());
            double total = median(r.stream().mapToDouble(x -> x.micros(null)).toArray());
            StringBuilder row = new StringBuilder(String.format("| %s | %d | %.2f", c.label, c.batch, total));
            for (String role : CpuSampler.ROLES) {
                row.append(String.format(" | %.2f", median(r.stream().mapToDouble(x -> x.micros(role)).toArray())));
            }
            lines.add(row.append(String.format(" | %.0f |", 1e6 / total)).toString());
        }
        System.out.println("\n" + REPEATS + " runs per configuration, interleaved; cores: "
                + Runtime.getRuntime().availableProcessors() + "\n" + String.join("\n", lines) + "\n");
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Runs the job over the whole input; samples/s between the first and the last metrics record. */
    private static Run run(Config c) throws Exception {
        double loadBefore = loadAverage();
        TestTopics out = new TestTopics("bench-out");
        String[] flags = out.flags("--samples-topic", c.input.samples, "--model", c.model, "--optimizer", c.optimizer,
                "--micro-batch", Integer.toString(c.batch), "--snapshot-every", "1000000", "--stepsizes-every", "1000000",
                "--metrics-every", Integer.toString(c.samples / 20), "--checkpoint-interval", "2s", "--bounded");
        long start = System.nanoTime();
        try (Recording jfr = PROFILE_DIR.isEmpty() ? null : new Recording(Configuration.getConfiguration("profile"))) {
            if (jfr != null) {
                jfr.start();
            }
            LocalFlink.run(JobOptions.parse(flags), new Learners(), 0);
            if (jfr != null) {
                jfr.dump(Path.of(PROFILE_DIR, c.name().replaceAll("[^A-Za-z0-9=]+", "_") + "-" + System.nanoTime() % 1000 + ".jfr"));
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        List<ConsumerRecord<byte[], byte[]>> metrics = TopicReader.raw(out.metrics);
        ConsumerRecord<byte[], byte[]> first = metrics.get(0);
        ConsumerRecord<byte[], byte[]> last = metrics.get(metrics.size() - 1);
        long samples = seen(last) - seen(first);
        double seconds = (last.timestamp() - first.timestamp()) / 1000.0;
        double load = Math.max(loadBefore, loadAverage());
        Run run = new Run(samples / seconds, seconds, load, samples, cpu.between(first.timestamp(), last.timestamp()));
        System.out.printf("%s: %d samples in %.2f s between metrics records (%.0f/s), job %.1f s, load %.2f, "
                + "CPU µs/sample %.2f %s%n", c.name(), samples, seconds, samples / seconds, total, load, run.micros(null), run.cpu);
        return run;
    }

    private static long seen(ConsumerRecord<byte[], byte[]> r) throws Exception {
        return WireCodec.standard().decode(r.value(), PrequentialMetrics.class).getSamplesSeen();
    }

    /** The 1-minute load average (Linux), or NaN where /proc is not there. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** A one-partition topic of n samples of one stream, written as they are drawn (no list of n in memory). */
    private static TestTopics input(String name, int d, int classes, int n) throws Exception {
        TestTopics t = new TestTopics(name).createSamples(1);
        SplittableRandom r = new SplittableRandom(1);
        try (SampleWriter w = new SampleWriter(t.samples)) {
            for (int i = 0; i < n; i++) {
                List<Float> x = new ArrayList<>(d);
                double y = 0;
                for (int j = 0; j < d; j++) {
                    float v = (float) r.nextGaussian();
                    x.add(v);
                    y += (j % 3 - 1) * v;
                }
                double target = classes == 1 ? y : Math.floorMod((int) Math.floor(y), classes);
                Sample s = Sample.newBuilder().setStreamId("bench").setSeq(i).setEventTime(Instant.ofEpochMilli(i))
                        .setFeatures(x).setTarget(target).build();
                w.write(s.getStreamId(), WireCodec.standard().encode(s));
            }
            w.flush();
        }
        return t;
    }
}
