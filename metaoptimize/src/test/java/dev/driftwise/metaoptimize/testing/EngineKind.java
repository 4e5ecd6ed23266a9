package dev.driftwise.metaoptimize.testing;

import ai.djl.Device;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.jvm.JvmEngine;
import dev.driftwise.metaoptimize.tensor.torch.TorchEngine;

/** The two engines, for tests that run every equation on both. */
public enum EngineKind {
    JVM,
    TORCH;

    /** A fresh engine (close it: the torch engine holds native memory). */
    public Engine open() {
        return this == JVM ? JvmEngine.INSTANCE : new TorchEngine(Device.cpu());
    }
}
