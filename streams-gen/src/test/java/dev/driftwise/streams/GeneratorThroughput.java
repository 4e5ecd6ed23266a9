package dev.driftwise.streams;

import dev.driftwise.streams.scenario.Scenario;
import dev.driftwise.streams.scenario.Scenarios;
import java.lang.management.ManagementFactory;

/**
 * By-hand benchmark (not a test): samples per second of one stream on one thread into a null
 * consumer, each measured round on a fresh stream from sample 0 (so drift windows are included), and
 * bytes allocated per sample inside the rounds (0 means the hot path allocates nothing). Run from the repository root after {@code mvn -pl streams-gen -am test-compile}:
 * <pre>
 * java -cp streams-gen/target/classes:streams-gen/target/test-classes:$(cat streams-gen/target/test-cp.txt) \
 *     dev.driftwise.streams.GeneratorThroughput [scenario ...]
 * </pre>
 */
public final class GeneratorThroughput {

    private GeneratorThroughput() {
    }

    public static void main(String[] args) {
        String[] names = args.length > 0 ? args : new String[] {"sutton", "level-tracking", "stationary", "hyperplane", "sea-abrupt",
                "sea-gradual", "permuted", "mixed-demo"};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (String name : names) {
            Scenario scenario = Scenarios.load(name, null);
            int count = scenario.streams().size();
            for (int i = 0; i < count; i++) {
                SampleStream stream = scenario.streams().get(i);
                GeneratedSample s = new GeneratedSample(stream.featureCount());
                long samples = stream.featureCount() >= 100 ? 200_000 : 2_000_000;
                run(stream, s, samples * 2); // warm-up: JIT
                double best = 0;
                double sink = 0;
                long allocated = 0;
                for (int round = 0; round < 5; round++) {
                    stream = scenario.streams().get(i); // from sample 0, so rounds cover the scheduled drifts
                    long bytesBefore = threads.getThreadAllocatedBytes(thread);
                    long t0 = System.nanoTime();
                    sink += run(stream, s, samples);
                    double rate = samples / ((System.nanoTime() - t0) / 1e9);
                    allocated += threads.getThreadAllocatedBytes(thread) - bytesBefore;
                    best = Math.max(best, rate);
                }
                double bytesPerSample = allocated / (5.0 * samples);
                System.out.printf("%-12s %-11s %6d features  best of 5: %,12.0f samples/s  allocated %.4f B/sample  (%s)%n",
                        name, stream.streamId(), stream.featureCount(), best, bytesPerSample, sink == 42 ? "!" : "ok");
            }
        }
    }

    /** The null consumer: folds the target into a number so the JIT cannot drop the work. */
    private static double run(SampleStream stream, GeneratedSample s, long samples) {
        double acc = 0;
        for (long j = 0; j < samples; j++) {
            stream.next(s);
            acc += s.target + s.features[0];
        }
        return acc;
    }
}
