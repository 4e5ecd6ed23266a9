package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.testing.Streams;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two learners stepping at the same time in two threads end exactly where they end when run one after the other. */
class ThreadSafetyTest {

    private static final ModelSpec MLP = ModelSpec.mlp(6, new int[] {12}, Activation.TANH, Task.BINARY, 0).withSeed(1);
    private static final ModelSpec SOFTMAX = ModelSpec.softmaxRegression(5, 3).withStandardization(true);

    private static byte[] train(ModelSpec spec, long seed, CyclicBarrier start, EngineChoice engine) throws Exception {
        // New threads start with libtorch grad mode ON (stack notes §9.2); the learner must not care.
        Engine.getEngine("PyTorch"); // loads the native library before the direct JNI call
        JniUtils.setGradMode(true);
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer("sgd(lr=0.1)")
                .optDevice(DeviceChoice.CPU).optEngine(engine).build()) {
            MicroBatch batch = learner.newBatch(4);
            SplittableRandom random = new SplittableRandom(seed);
            if (start != null) {
                start.await();
            }
            for (int i = 0; i < 400; i++) {
                if (spec.task() == Task.BINARY) {
                    Streams.fillSeparable(batch, 4, random, 0.1);
                } else {
                    Streams.fillMulticlass(batch, 4, 3, random);
                }
                learner.learn(batch);
            }
            return learner.snapshot().toBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineChoice.class, names = {"JVM", "TORCH"})
    void concurrentLearnersMatchTheSequentialRun(EngineChoice engine) throws Exception {
        byte[] mlpAlone = train(MLP, 5, null, engine);
        byte[] softmaxAlone = train(SOFTMAX, 6, null, engine);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<byte[]> mlp = pool.submit(() -> train(MLP, 5, start, engine));
                Future<byte[]> softmax = pool.submit(() -> train(SOFTMAX, 6, start, engine));
                assertArrayEquals(mlpAlone, mlp.get(), "MLP learner in a thread next to another (round " + round + ")");
                assertArrayEquals(softmaxAlone, softmax.get(), "softmax learner in a thread next to another (round " + round + ")");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
