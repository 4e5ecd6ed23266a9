package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's thread-local grad mode off for an in-place parameter update and restores it
 * afterwards. Grad mode is ON in every new thread (stack-notes §9.2), and an in-place update of a
 * parameter that requires grad fails while it is on; this makes a step safe from any thread.
 */
final class GradModeOff implements AutoCloseable {

    private static final GradModeOff NOTHING_TO_RESTORE = new GradModeOff(false);

    private final boolean restoreOn;

    private GradModeOff(boolean restoreOn) {
        this.restoreOn = restoreOn;
    }

    /** Turns grad mode off when {@code sample} is a PyTorch array and it is on; other engines: no-op. */
    static GradModeOff on(NDArray sample) {
        if (!(sample instanceof PtNDArray) || !JniUtils.isGradMode()) {
            return NOTHING_TO_RESTORE;
        }
        JniUtils.setGradMode(false);
        return new GradModeOff(true);
    }

    @Override
    public void close() {
        if (restoreOn) {
            JniUtils.setGradMode(true);
        }
    }
}
