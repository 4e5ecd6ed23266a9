package dev.driftwise.bench.jmh;

import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.learner.EngineChoice;
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
 * One {@link OnlineLearner#learn} call (forward, loss, backward, one optimizer step) per micro-batch
 * of 1 … 512 samples, CPU, on each engine, for linear regression on 20 inputs and a 100-128-10 ReLU MLP
 * with softmax and cross-entropy, both as the job's {@code --model linear:20} / {@code mlp:100-128-10}
 * build them (standardising their inputs online): {@code default} against plain fixed steps (the engine with meta
 * {@code fixed}, no trace). The score is µs per call; divide by {@code batch} for µs per sample. Filling
 * the micro-batch from host rows is part of the call, as in the job.
 *
 * <p>Run (after {@code mvn -pl bench -am package -DskipTests}):
 * {@code java -cp bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main LearnerStepBenchmark -wi 2 -i 3 -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class LearnerStepBenchmark {

    /**
     * The job's {@code --model} spelling (inputs standardised online): linear regression on 20 inputs, and one
     * hidden ReLU layer of 128 with softmax over 10 classes. {@code -p model=mlp:512-512-10} measures others
     * (how EngineChoice's crossover was found).
     */
    @Param({"linear:20", "mlp:100-128-10"})
    public String model;

    @Param({"1", "8", "32", "128", "512"})
    public int batch;

    /** An optimizer spec: the default and plain fixed steps. */
    @Param({"default", "adam(lr=0.001)", "sgd(lr=0.01)"})
    public String method;

    @Param({"jvm", "torch"})
    public String engine;

    private OnlineLearner learner;
    private MicroBatch micro;
    private float[][] rows;
    private double[] targets;

    @Setup(Level.Trial)
    public void setUp() {
        ModelSpec spec = ModelSpec.parse(model);
        learner = OnlineLearner.builder(spec.withSeed(42)).optimizer(method).optDevice(DeviceChoice.CPU)
                .optEngine(EngineChoice.parse(engine)).optMicroBatch(batch).build();
        micro = learner.newBatch(batch);
        SplittableRandom random = new SplittableRandom(7);
        int inputs = spec.inputs();
        rows = new float[batch][inputs];
        targets = new double[batch];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < inputs; i++) {
                rows[b][i] = (float) random.nextGaussian();
            }
            targets[b] = spec.outputs() == 1 ? rows[b][0] - 0.5 * rows[b][1] : random.nextInt(spec.outputs());
        }
    }

    @Benchmark
    public Object learn() {
        micro.clear();
        for (int b = 0; b < batch; b++) {
            micro.add(rows[b], targets[b]);
        }
        return learner.learn(micro);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        learner.close();
    }
}
