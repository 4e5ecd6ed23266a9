package dev.driftwise.learner;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where a learner's tensors live: {@code auto} (a GPU when DJL sees one, else the CPU), {@code cpu} or {@code gpu}. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** Reads "auto", "cpu" or "gpu" (any case). */
    public static DeviceChoice parse(String text) {
        for (DeviceChoice d : values()) {
            if (d.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("device \"" + text + "\" is unknown; use auto, cpu or gpu");
    }

    /** The concrete device; {@code gpu} without a visible GPU fails with what to install. */
    public Device resolve() {
        if (this == CPU) {
            return Device.cpu();
        }
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (gpus > 0) {
            return Device.gpu();
        }
        if (this == GPU) {
            throw new IllegalStateException("device gpu was requested but DJL sees no GPU: put DJL's CUDA build of "
                    + "libtorch on the classpath instead of pytorch-native-cpu (see learner/README.md) or use device auto/cpu");
        }
        return Device.cpu();
    }
}
