package dev.driftwise.learner;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;

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

    /**
     * Whether a GPU is there for libtorch. The CUDA driver is asked first, without loading libtorch, so a
     * machine without a GPU never pays for loading it; only when the driver reports one is libtorch asked
     * (its CPU build sees none).
     */
    static boolean gpuAvailable() {
        try {
            if (CudaUtils.getGpuCount() == 0) {
                return false;
            }
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        return Engine.getEngine("PyTorch").getGpuCount() > 0;
    }

    /** Whether this choice puts the learner on a GPU; {@code gpu} without a visible GPU fails with what to install. */
    public boolean wantsGpu() {
        if (this == CPU) {
            return false;
        }
        if (gpuAvailable()) {
            return true;
        }
        if (this == GPU) {
            throw new IllegalStateException("device gpu was requested but DJL sees no GPU: put DJL's CUDA build of "
                    + "libtorch on the classpath instead of pytorch-native-cpu (see learner/README.md) or use device auto/cpu");
        }
        return false;
    }

    /** The concrete libtorch device. */
    public Device resolve() {
        return wantsGpu() ? Device.gpu() : Device.cpu();
    }
}
