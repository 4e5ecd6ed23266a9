package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import dev.driftwise.learner.testing.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * On the libtorch engine, 30,000 steps (and every other path) leave the number of live NDArrays and the
 * process's resident memory flat. (The JVM engine holds no native memory: its buffers are made once.)
 */
class LeakTest {

    private static final int STEPS = 30_000;

    @Test
    void hundredThousandStepsLeakNeitherArraysNorNativeMemory() throws IOException {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(4).withStandardization(true))
                .optimizer("default").optDevice(DeviceChoice.CPU).optEngine(EngineChoice.TORCH).build()) {
            MicroBatch batch = learner.newBatch(1);
            SplittableRandom random = new SplittableRandom(1);
            double[] prediction = new double[1];
            for (int i = 0; i < 5_000; i++) { // warm-up: JIT, allocator pools, lazily created optimizer state
                Streams.fillLinear(batch, 1, random, 0.1);
                learner.learn(batch);
            }
            int arraysBefore = learner.liveArrayCount();
            System.gc();
            long rssBefore = residentKiB();
            long start = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                Streams.fillLinear(batch, 1, random, 0.1);
                learner.learn(batch);
                if (i % 100 == 0) {
                    learner.predict(batch, prediction);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int arraysAfter = learner.liveArrayCount();
            System.gc();
            long rssAfter = residentKiB();
            System.out.printf("LeakTest: %d steps in %.1f s (%.1f µs/step); live arrays %d -> %d; RSS %d -> %d KiB%n",
                    STEPS, seconds, seconds * 1e6 / STEPS, arraysBefore, arraysAfter, rssBefore, rssAfter);
            assertEquals(arraysBefore, arraysAfter, "live NDArrays in the learner's manager before and after " + STEPS + " steps");
            assertTrue(arraysBefore > 0, "the engine's buffers: " + arraysBefore);
            // One leaked tensor per step would cost well over 6 MB here (≥ 200 bytes each of native bookkeeping).
            assertTrue(rssAfter - rssBefore < 48 * 1024, "resident memory grew from " + rssBefore + " to " + rssAfter
                    + " KiB over " + STEPS + " steps (tolerance 48 MiB)");
            assertTrue(learner.metrics().windowLoss() < 0.02, "and it still learns: " + learner.metrics());
        }
    }

    @Test
    void everyPathReleasesItsArrays() {
        ModelSpec[] specs = {
            ModelSpec.linearRegression(4).withStandardization(true),
            ModelSpec.softmaxRegression(4, 3).withStandardization(true),
            ModelSpec.mlp(4, new int[] {5, 3}, Activation.RELU, Task.MULTICLASS, 3),
            ModelSpec.mlp(4, new int[] {5}, Activation.TANH, Task.REGRESSION, 0)};
        for (ModelSpec spec : specs) {
            // the paths that hand the optimizer curvature: the diagonal Hessian (one layer), the gradient function (full
            // trace); and the default, whatever it resolves to for the model (growing meta step, stability cap)
            releasesItsArrays(spec, spec.layerCount() == 1 ? "idbd(theta=0.01)"
                    : "metaoptimize(base=sgd,meta=sgd,eta=0.01,trace=full,alpha0=0.05)");
            releasesItsArrays(spec, "default");
        }
    }

    private static void releasesItsArrays(ModelSpec spec, String optimizer) {
        try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(optimizer).optDevice(DeviceChoice.CPU)
                .optEngine(EngineChoice.TORCH).build()) {
            MicroBatch batch = learner.newBatch(3);
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < 3; i++) { // buffers and views exist once a step has used each path (h ≠ 0 from step 2)
                learner.learn(fill(spec, batch, random));
            }
            int before = learner.liveArrayCount();
            LearnerSnapshot snapshot = null;
            for (int i = 0; i < 300; i++) {
                learner.learn(fill(spec, batch, random));
                learner.predict(batch);
                if (i % 50 == 0) { // what the job publishes: the step-size report (it reduces the traces) and the weights
                    learner.stepSizes();
                    learner.lastMetaGradients();
                    learner.parameters();
                }
                if (i == 150) {
                    snapshot = learner.snapshot();
                }
            }
            learner.restore(snapshot);
            assertEquals(before, learner.liveArrayCount(), spec + " " + optimizer
                    + ": live arrays after learn, predict, step-size reports, snapshot, restore");
            assertEquals(0, learner.skippedSteps(), spec + " " + optimizer);
        }
    }

    private static MicroBatch fill(ModelSpec spec, MicroBatch batch, SplittableRandom random) {
        if (spec.task() == Task.REGRESSION) {
            Streams.fillLinear(batch, 3, random, 0.1);
        } else {
            Streams.fillMulticlass(batch, 3, 3, random);
        }
        return batch;
    }

    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
