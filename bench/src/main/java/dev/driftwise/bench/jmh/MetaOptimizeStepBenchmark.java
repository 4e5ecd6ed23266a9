package dev.driftwise.bench.jmh;

import dev.driftwise.metaoptimize.MetaOptimize;
import dev.driftwise.metaoptimize.MetaOptimizeBuilder;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.base.BaseAlgorithm;
import dev.driftwise.metaoptimize.blocks.StepSizeBlocks;
import dev.driftwise.metaoptimize.meta.MetaAlgorithm;
import dev.driftwise.metaoptimize.trace.TraceKind;
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
 * One optimizer step over the parameters of an MLP (~10k and ~1M weights): our plain AdamW (the
 * same engine with meta {@code fixed} and no trace) against MetaOptimize(AdamW, Lion) with scalar,
 * per-layer and per-weight step sizes, Hessian-free trace. The ratio to {@code adamw} is the
 * figure that matters; DjlAdamStepBenchmark gives the engine's fused Adam beside it.
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

    /** adamw = plain base optimizer; mo-* = MetaOptimize(AdamW, Lion) at a granularity. */
    @Param({"adamw", "mo-scalar", "mo-layer", "mo-weight"})
    public String variant;

    private MlpParameterSet set;
    private MetaOptimize optimizer;

    @Setup(Level.Trial)
    public void setUp() {
        set = new MlpParameterSet(size, 42);
        // Paper defaults (spec §6.1, (AdamW, Lion) rows): ρ 0.9, λ 0.999, κ 0.1; ρ̄ 0.99, c̄ 0.9, η 1e-3.
        MetaOptimizeBuilder b = MetaOptimize.builder()
                .optBase(BaseAlgorithm.ADAM)
                .optMomentum(0.9)
                .optSecondMoment(0.999)
                .optWeightDecay(0.1)
                .optInitialStepSize(1e-4);
        switch (variant) {
            case "adamw" -> b.optMeta(MetaAlgorithm.FIXED).optTrace(TraceKind.NONE);
            case "mo-scalar" -> lion(b).optBlocks(StepSizeBlocks.scalar());
            case "mo-layer" -> lion(b).optBlocks(StepSizeBlocks.perTensor());
            case "mo-weight" -> lion(b).optBlocks(StepSizeBlocks.perWeight());
            default -> throw new IllegalArgumentException("variant " + variant);
        }
        optimizer = b.build(ParameterLayout.of(set.parameters()), set.manager());
    }

    private static MetaOptimizeBuilder lion(MetaOptimizeBuilder b) {
        return b.optMeta(MetaAlgorithm.LION)
                .optMetaStepSize(1e-3)
                .optMetaMomentum(0.99)
                .optMetaLionInterpolation(0.9)
                .optDiscount(1.0)
                .optTrace(TraceKind.HESSIAN_FREE);
    }

    @Benchmark
    public Object step() {
        return optimizer.step(set.parameters(), set.gradients());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        optimizer.close();
        set.close();
    }
}
