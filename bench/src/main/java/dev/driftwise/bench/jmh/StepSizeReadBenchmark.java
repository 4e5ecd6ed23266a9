package dev.driftwise.bench.jmh;

import dev.driftwise.bench.harness.method.MethodNames;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.OnlineLearner;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What T2's per-step α read costs: one {@link OnlineLearner#learn} of T2's learner (one weight on
 * x = 1, no bias, one sample per step) alone, and followed by {@code stepSizes().get(0).alpha()},
 * the read the bench makes after every step of an adaptive method (a fixed step needs none; SGD-HD
 * and Adam-HD are read from a plain field, which this does not measure). µs per call.
 *
 * <p>Run (after {@code mvn -pl bench -am package -DskipTests}):
 * {@code java -cp bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main StepSizeReadBenchmark -wi 2 -i 3 -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class StepSizeReadBenchmark {

    /** A bench method name: T2's adaptive methods whose α is read through stepSizes(). */
    @Param({"idbd", "autostep", "mo:sgd/lion/scalar/hf/g=0.9", "mo:adam/lion/scalar/hf/g=0.999/eta=0.001/amin=3e-5"})
    public String method;

    private OnlineLearner learner;
    private MicroBatch micro;
    private final float[] one = {1f};
    private double[] targets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        learner = OnlineLearner.builder(ModelSpec.linearRegression(1).withBias(false).withSeed(42))
                .optimizer(MethodNames.parse(method).factory()).optDevice(DeviceChoice.CPU).build();
        micro = learner.newBatch(1);
        SplittableRandom random = new SplittableRandom(7);
        targets = new double[4096];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextGaussian();
        }
    }

    private void step() {
        micro.clear();
        micro.add(one, targets[next++ & 4095]);
        learner.learn(micro);
    }

    @Benchmark
    public void learn() {
        step();
    }

    @Benchmark
    public double learnAndReadAlpha() {
        step();
        return learner.stepSizes().get(0).alpha();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        learner.close();
    }
}
