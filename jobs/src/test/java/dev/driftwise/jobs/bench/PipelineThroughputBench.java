package dev.driftwise.jobs.bench;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import dev.driftwise.jobs.testing.TopicReader;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipeline throughput, samples/s from the input topic to the output topics, for linear d = 20 and an
 * MLP 100-128-10 at micro-batch 1, 32 and 256, beside the same pipeline with a pass-through learner.
 * The rate is taken between the first and the last metrics record's send time (job start-up excluded).
 * Not a test: run by hand with
 * {@code mvn -B -o -pl jobs -am test -Dtest=PipelineThroughputBench -Djobs.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(KafkaTestBroker.class)
@EnabledIfSystemProperty(named = "jobs.bench", matches = "true")
class PipelineThroughputBench {

    private static final int LINEAR_SAMPLES = Integer.getInteger("jobs.bench.linear", 200_000);
    private static final int MLP_SAMPLES = Integer.getInteger("jobs.bench.mlp", 40_000);

    @Test
    void throughput() throws Exception {
        TestTopics linearInput = input("bench-linear", 20, 1, LINEAR_SAMPLES);
        TestTopics mlpInput = input("bench-mlp", 100, 10, MLP_SAMPLES);
        List<String> lines = new ArrayList<>();
        lines.add("| model | micro-batch | samples | samples/s | vs pass-through |");
        lines.add("|---|---|---|---|---|");
        rate(linearInput, "passthrough:20", "sgd(lr=0.01)", 32, LINEAR_SAMPLES); // warm-up: JIT, broker, DJL
        rate(mlpInput, "mlp:100-128-10", "sgd(lr=0.01)", 32, MLP_SAMPLES);
        double linearBase = rate(linearInput, "passthrough:20", "sgd(lr=0.01)", 32, LINEAR_SAMPLES);
        lines.add(row("pass-through d=20", 32, LINEAR_SAMPLES, linearBase, linearBase));
        for (int b : new int[] {1, 32, 256}) {
            double r = rate(linearInput, "linear:20", "metaoptimize(base=adam,meta=lion,blocks=per-layer,alpha0=0.001)", b,
                    LINEAR_SAMPLES);
            lines.add(row("linear d=20, MetaOptimize", b, LINEAR_SAMPLES, r, linearBase));
        }
        double mlpBase = rate(mlpInput, "passthrough:100", "sgd(lr=0.01)", 32, MLP_SAMPLES);
        lines.add(row("pass-through d=100", 32, MLP_SAMPLES, mlpBase, mlpBase));
        for (int b : new int[] {1, 32, 256}) {
            double r = rate(mlpInput, "mlp:100-128-10", "metaoptimize(base=adam,meta=lion,blocks=per-layer,alpha0=0.001)", b,
                    MLP_SAMPLES);
            lines.add(row("MLP 100-128-10, MetaOptimize", b, MLP_SAMPLES, r, mlpBase));
        }
        System.out.println("\n" + String.join("\n", lines) + "\n");
    }

    private static String row(String model, int batch, int samples, double rate, double base) {
        return String.format("| %s | %d | %d | %.0f | %.2f |", model, batch, samples, rate, rate / base);
    }

    /** Runs the job over the input ({@code samples} records), returns samples/s between first and last metrics. */
    private static double rate(TestTopics input, String model, String optimizer, int batch, int samples) throws Exception {
        TestTopics out = new TestTopics("bench-out");
        String[] flags = out.flags("--samples-topic", input.samples, "--model", model, "--optimizer", optimizer, "--micro-batch", Integer.toString(batch),
                "--snapshot-every", "1000000", "--stepsizes-every", "1000000", "--metrics-every", Integer.toString(samples / 20),
                "--checkpoint-interval", "2s", "--bounded");
        JobOptions o = JobOptions.parse(flags);
        LocalFlink.run(o, new Learners(), 0);
        List<ConsumerRecord<byte[], byte[]>> metrics = TopicReader.raw(out.metrics);
        ConsumerRecord<byte[], byte[]> first = metrics.get(0);
        ConsumerRecord<byte[], byte[]> last = metrics.get(metrics.size() - 1);
        long firstSeen = WireCodec.standard().decode(first.value(), dev.driftwise.schemas.PrequentialMetrics.class).getSamplesSeen();
        long lastSeen = WireCodec.standard().decode(last.value(), dev.driftwise.schemas.PrequentialMetrics.class).getSamplesSeen();
        double seconds = (last.timestamp() - first.timestamp()) / 1000.0;
        System.out.printf("%s b=%d: %d samples in %.2f s between metrics records%n", model, batch, lastSeen - firstSeen, seconds);
        return (lastSeen - firstSeen) / seconds;
    }

    private static TestTopics input(String name, int d, int classes, int n) throws Exception {
        TestTopics t = new TestTopics(name).createSamples(1);
        SplittableRandom r = new SplittableRandom(1);
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Float> x = new ArrayList<>(d);
            double y = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) r.nextGaussian();
                x.add(v);
                y += (j % 3 - 1) * v;
            }
            double target = classes == 1 ? y : Math.floorMod((int) Math.floor(y), classes);
            samples.add(Sample.newBuilder().setStreamId("bench").setSeq(i).setEventTime(Instant.ofEpochMilli(i))
                    .setFeatures(x).setTarget(target).build());
        }
        try (SampleWriter w = new SampleWriter(t.samples)) {
            w.write(samples);
        }
        return t;
    }
}
