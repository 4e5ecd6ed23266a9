package dev.driftwise.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftwise.metaoptimize.tensor.Engine;
import org.junit.jupiter.api.Test;

/** {@code --engine auto} on the CPU follows the measured crossover: weights × micro-batch up to 2M on the JVM. */
class EngineChoiceTest {

    private static String auto(long parameters, int microBatch) {
        try (Engine e = EngineChoice.AUTO.open(DeviceChoice.CPU, parameters, microBatch)) {
            return e.name();
        }
    }

    @Test
    void autoRunsSmallModelsAndSingleSamplesOnTheJvmAndLargeBatchedModelsOnLibtorch() {
        assertEquals("jvm", auto(21, 1), "linear:20 per sample");
        assertEquals("jvm", auto(14_218, 32), "mlp:100-128-10 at micro-batch 32 (0.46 ms on the JVM, 0.71 ms on libtorch)");
        assertEquals("jvm", auto(1_059_850, 1), "mlp:1024-1024-10 per sample (3.2 ms on the JVM, 13.7 ms on libtorch)");
        assertEquals("torch", auto(68_362, 32), "mlp:256-256-10 at micro-batch 32 (1.39 ms on the JVM, 0.81 ms on libtorch)");
        assertEquals("torch", auto(3_000_000, 1), "beyond the measured range");
    }

    @Test
    void forcedEnginesIgnoreTheSize() {
        try (Engine e = EngineChoice.JVM.open(DeviceChoice.CPU, 50_000_000, 512)) {
            assertEquals("jvm", e.name());
        }
        try (Engine e = EngineChoice.TORCH.open(DeviceChoice.CPU, 21, 1)) {
            assertEquals("torch", e.name());
        }
        assertThrows(IllegalArgumentException.class, () -> EngineChoice.JVM.open(DeviceChoice.GPU, 21, 1));
    }
}
