package dev.driftwise.learner;

import ai.djl.Device;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;

/**
 * Which engine runs a learner's equations: {@code auto} picks libtorch on the GPU when there is one,
 * else the JVM engine up to {@link #JVM_MAX_PARAMETERS} weights (where one native call per operation
 * costs more than the arithmetic), else libtorch on the CPU; {@code jvm} and {@code torch} force one.
 */
public enum EngineChoice {
    AUTO,
    JVM,
    TORCH;

    /**
     * Up to this many weights the JVM engine is faster than libtorch on one CPU thread at micro-batch 1
     * to 32 (LearnerStepBenchmark; docs/benchmarks.md, "Engines").
     */
    public static final long JVM_MAX_PARAMETERS = 200_000;

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
     * The engine for a model of {@code parameters} weights on {@code device} (close it: the torch engine
     * holds native memory).
     *
     * @throws IllegalArgumentException for engine jvm with device gpu (the JVM engine runs on the CPU)
     */
    public Engine open(DeviceChoice device, long parameters) {
        if (this == JVM) {
            if (device == DeviceChoice.GPU) {
                throw new IllegalArgumentException("engine jvm runs on the CPU, device gpu needs engine torch (or auto)");
            }
            return JvmEngine.INSTANCE;
        }
        boolean gpu = device.wantsGpu();
        if (this == AUTO && !gpu && parameters <= JVM_MAX_PARAMETERS) {
            return JvmEngine.INSTANCE;
        }
        return new TorchEngine(gpu ? Device.gpu() : Device.cpu());
    }
}
