package dev.driftwise.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
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

/** DJL's built-in Adam (one fused native adamUpdate per tensor): the engine's own reference point. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class DjlAdamStepBenchmark {

    @Param({"10k", "1M"})
    public String size;

    private MlpParameterSet set;
    private Optimizer adam;
    private String[] ids;

    @Setup(Level.Trial)
    public void setUp() {
        set = new MlpParameterSet(size, 42);
        JniUtils.setGradMode(false);
        adam = Adam.builder().optWeightDecays(0.01f).build();
        ids = new String[set.parameters().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = set.parameters().get(i).getName();
        }
    }

    @Benchmark
    public void step() {
        for (int i = 0; i < ids.length; i++) {
            NDArray w = set.parameters().get(i);
            adam.update(ids[i], w, set.gradients().get(i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        set.close();
    }
}
