package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.testing.Streams;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A learner's intra-op thread count holds in whichever thread calls it, not only in the thread that
 * loaded the engine (libtorch keeps the count per OS thread; a Flink task thread is never the loader).
 */
class IntraOpThreadsTest {

    @Test
    void theCountHoldsInAFreshCallingThread() throws Exception {
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        int wanted = before == 2 ? 3 : 2; // a count the fresh thread would not get by default
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(3))
                .optimizer("sgd(lr=0.01)").optDevice(DeviceChoice.CPU).optEngine(EngineChoice.TORCH).optIntraOpThreads(wanted)
                .build()) {
            Thread t = new Thread(() -> {
                try {
                    MicroBatch batch = learner.newBatch(4);
                    Streams.fillLinear(batch, 4, new SplittableRandom(1), 0.1);
                    learner.learn(batch);
                    seen.set(JniUtils.getNumThreads());
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "fresh-task-thread");
            t.start();
            t.join();
        } finally {
            JniUtils.setNumThreads(before); // the count is also libtorch's default for later threads
        }
        assertEquals(null, failure.get(), "learning in a fresh thread failed");
        assertEquals(wanted, seen.get(), "intra-op threads in the thread that called learn (default there: " + before + ")");
    }

    @Test
    void aNegativeCountIsRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnlineLearner
                .builder(ModelSpec.linearRegression(3)).optimizer("sgd(lr=0.01)").optIntraOpThreads(-1).build());
        assertTrue(e.getMessage().contains("-1") && e.getMessage().contains(">= 0"), e.getMessage());
    }
}
