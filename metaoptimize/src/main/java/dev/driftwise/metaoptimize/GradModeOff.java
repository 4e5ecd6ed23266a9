package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's thread-local grad mode off for an in-place update and restores it. Grad mode is
 * ON in every new thread (stack notes §9.2), and an in-place op on a leaf that requires grad then
 * fails. DJL's built-in optimizers avoid NDArray in-place ops on the weight altogether (they call
 * fused native updates such as {@code JniUtils.adamUpdate}); MetaOptimize's update is a sequence
 * of NDArray ops, so it disables grad mode for the step instead. The baselines share it.
 */
public final class GradModeOff implements AutoCloseable {

    private final boolean restore;

    private GradModeOff(NDArray sample) {
        boolean on = sample instanceof PtNDArray && JniUtils.isGradMode();
        if (on) {
            JniUtils.setGradMode(false);
        }
        this.restore = on;
    }

    /** Turns grad mode off when {@code sample} is a PyTorch array and it is on; other engines: no-op. */
    public static GradModeOff on(NDArray sample) {
        return new GradModeOff(sample);
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
