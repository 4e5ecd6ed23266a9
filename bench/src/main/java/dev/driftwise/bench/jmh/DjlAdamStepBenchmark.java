package dev.driftwise.bench.jmh;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchVec;
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

    private TorchEngine engine;
    private MlpParameterSet set;
    private Optimizer adam;
    private String[] ids;
    private NDArray[] weights;
    private NDArray[] gradients;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new TorchEngine(Device.cpu());
        set = new MlpParameterSet(size, 42, engine);
        JniUtils.setGradMode(false);
        adam = Adam.builder().optWeightDecays(0.01f).build();
        ParameterLayout layout = set.layout();
        ids = layout.names().toArray(new String[0]);
        weights = new NDArray[ids.length];
        gradients = new NDArray[ids.length];
        for (int i = 0; i < ids.length; i++) { // the tensors as DJL holds them: one array per parameter
            int[] shape = layout.get(i).shape();
            long[] dims = java.util.Arrays.stream(shape).asLongStream().toArray();
            weights[i] = ((TorchVec) set.parameters().slice(layout.offset(i), layout.get(i).size())).array().reshape(dims);
            gradients[i] = ((TorchVec) set.gradients().slice(layout.offset(i), layout.get(i).size())).array().reshape(dims);
        }
    }

    @Benchmark
    public void step() {
        for (int i = 0; i < ids.length; i++) {
            adam.update(ids[i], weights[i], gradients[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        set.close();
        engine.close();
    }
}
