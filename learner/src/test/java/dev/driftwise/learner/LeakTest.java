package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.Activation;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.learner.testing.ContextCheckingSgd;
import dev.driftwise.learner.testing.FixedStepSgd;
import dev.driftwise.learner.testing.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 100,000 steps (and every other path) leave the number of live NDArrays and the process's resident memory flat. */
class LeakTest {

    private static final int STEPS = 100_000;

    @Test
    void hundredThousandStepsLeakNeitherArraysNorNativeMemory() throws IOException {
        try (OnlineLearner learner = OnlineLearner.builder(ModelSpec.linearRegression(4).withStandardization(true))
                .optimizer(FixedStepSgd.factory(0.01)).optDevice(DeviceChoice.CPU).build()) {
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
            assertEquals(2, arraysBefore, "only the two parameter tensors should be alive (weight, bias)");
            // One leaked tensor per step would cost well over 20 MB here (≥ 200 bytes each of native bookkeeping).
            assertTrue(rssAfter - rssBefore < 48 * 1024, "resident memory grew from " + rssBefore + " to " + rssAfter
                    + " KiB over " + STEPS + " steps (tolerance 48 MiB)");
            assertTrue(learner.metrics().windowLoss() < 0.02, "and it still learns: " + learner.metrics());
        }
    }

    @Test
    void everyPathReleasesItsArrays() {
        ModelSpec[] specs = {
            ModelSpec.softmaxRegression(4, 3).withStandardization(true),
            ModelSpec.mlp(4, new int[] {5, 3}, Activation.RELU, Task.MULTICLASS, 3),
            ModelSpec.mlp(4, new int[] {5}, Activation.TANH, Task.REGRESSION, 0)};
        for (ModelSpec spec : specs) {
            ContextCheckingSgd[] optimizer = new ContextCheckingSgd[1];
            boolean diagonal = spec.layerCount() == 1;
            try (OnlineLearner learner = OnlineLearner.builder(spec).optimizer(ContextCheckingSgd.factory(0.05, diagonal, optimizer))
                    .optDevice(DeviceChoice.CPU).build()) {
                MicroBatch batch = learner.newBatch(3);
                SplittableRandom random = new SplittableRandom(2);
                int before = learner.liveArrayCount();
                byte[] snapshot = null;
                for (int i = 0; i < 300; i++) {
                    if (spec.task() == Task.REGRESSION) {
                        Streams.fillLinear(batch, 3, random, 0.1);
                    } else {
                        Streams.fillMulticlass(batch, 3, 3, random);
                    }
                    learner.learn(batch);
                    learner.predict(batch);
                    if (i == 150) {
                        snapshot = learner.snapshot();
                    }
                }
                learner.restore(snapshot);
                assertEquals(before, learner.liveArrayCount(), spec + ": live arrays after learn, predict, snapshot, restore");
                assertEquals(diagonal ? 300 : 0, optimizer[0].diagonalHessiansSeen, spec + ": diagonal Hessians handed over");
                assertTrue(optimizer[0].maxGradientFunctionError < 1e-6, spec
                        + ": gradient function at the current weights differs from the step's gradient by " + optimizer[0].maxGradientFunctionError);
            }
        }
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
