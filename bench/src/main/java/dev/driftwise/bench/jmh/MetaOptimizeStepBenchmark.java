package dev.driftwise.bench.jmh;

import ai.djl.Device;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;
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
 * One optimizer step over the parameters of an MLP (~10k and ~1M weights), on each engine: plain AdamW
 * (the engine with meta {@code fixed} and no trace) against MetaOptimize(AdamW, Lion) with scalar,
 * per-layer and per-weight step sizes, Hessian-free trace (the paper's settings, spec §6.1). The ratio to
 * {@code adamw} on the same engine is the figure that matters; DjlAdamStepBenchmark gives libtorch's
 * fused Adam beside it.
 *
 * <p>Run (after {@code mvn -pl bench -am package -DskipTests}):
 * {@code java -cp bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main MetaOptimizeStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class MetaOptimizeStepBenchmark {

    @Param({"10k", "1M"})
    public String size;

    @Param({"jvm", "torch"})
    public String engine;

    /** adamw = plain base optimizer; mo-* = MetaOptimize(AdamW, Lion) at a granularity. */
    @Param({"adamw", "mo-scalar", "mo-layer", "mo-weight"})
    public String variant;

    private Engine tensors;
    private MlpParameterSet set;
    private OnlineOptimizer optimizer;

    @Setup(Level.Trial)
    public void setUp() {
        tensors = engine.equals("jvm") ? JvmEngine.INSTANCE : new TorchEngine(Device.cpu());
        set = new MlpParameterSet(size, 42, tensors);
        String spec = switch (variant) {
            case "adamw" -> "adam(lr=1e-4,form=code,kappa=0.1)";
            case "mo-scalar" -> "paper-adamw-lion(alpha0=1e-4)";
            case "mo-layer" -> "paper-adamw-lion(alpha0=1e-4,blocks=per-layer)";
            case "mo-weight" -> "paper-adamw-lion(alpha0=1e-4,blocks=per-weight)";
            default -> throw new IllegalArgumentException("variant " + variant);
        };
        optimizer = OptimizerSpec.parse(spec).resolve(ModelFacts.NONE).build(set.layout(), tensors, DType.FLOAT32);
    }

    @Benchmark
    public Object step() {
        return optimizer.step(set.parameters(), set.gradients());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        optimizer.close();
        set.close();
        tensors.close();
    }
}
