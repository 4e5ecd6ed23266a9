package dev.driftwise.learner;

import ai.djl.Device;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;

/**
 * Which engine runs a learner's equations: {@code auto} picks libtorch on the GPU when there is one,
 * else the JVM engine while weights × micro-batch stays within {@link #JVM_MAX_WORK} (where one native call
 * per operation costs more than the arithmetic), else libtorch on the CPU; {@code jvm} and {@code torch}
 * force one.
 */
public enum EngineChoice {
    AUTO,
    JVM,
    TORCH;

    /**
     * Up to this many weights × samples per step the JVM engine is faster than libtorch on one CPU thread
     * (LearnerStepBenchmark, the default optimizer, docs/benchmarks.md "Engines"): at micro-batch 1 the JVM
     * engine wins up to MLPs of 1M weights (3.2 ms against 13.7 ms a step), at micro-batch 32 up to 14k weights
     * (0.46 ms against 0.71 ms) and libtorch from 69k (0.81 ms against 1.39 ms).
     */
    public static final long JVM_MAX_WORK = 2_000_000;

    /** Reads "auto", "jvm" or "torch" (any case). */
    public static EngineChoice parse(String text) {
        for (EngineChoice c : values()) {
            if (c.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("engine \"" + text + "\" is unknown; use auto, jvm or torch");
    }

    /**
     * The engine for a model of {@code parameters} weights learning {@code microBatch} samples a step on
     * {@code device} (close it: the torch engine holds native memory).
     *
     * @throws IllegalArgumentException for engine jvm with device gpu (the JVM engine runs on the CPU)
     */
    public Engine open(DeviceChoice device, long parameters, int microBatch) {
        if (this == JVM) {
            if (device == DeviceChoice.GPU) {
                throw new IllegalArgumentException("engine jvm runs on the CPU, device gpu needs engine torch (or auto)");
            }
            return JvmEngine.INSTANCE;
        }
        boolean gpu = device.wantsGpu();
        if (this == AUTO && !gpu && parameters * Math.max(1, microBatch) <= JVM_MAX_WORK) {
            return JvmEngine.INSTANCE;
        }
        return new TorchEngine(gpu ? Device.gpu() : Device.cpu());
    }
}
