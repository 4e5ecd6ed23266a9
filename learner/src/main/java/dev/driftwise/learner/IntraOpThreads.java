package dev.driftwise.learner;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count, applied in the thread that calls the learner. OpenMP and MKL keep
 * that count per OS thread, and DJL applies {@code ai.djl.pytorch.num_threads} only in the thread that
 * loads the engine. In a stream job's task thread the count was libtorch's default (every core): at
 * linear d = 20, micro-batch 256 the backward matmul took most of the learner thread, which burned
 * ~21 CPU µs per sample instead of ~1 (spinning, presumably for a second worker the busy machine had
 * not scheduled; docs/benchmarks.md, "Measurements moved from the module READMEs", jobs). Applied once per calling thread.
 */
final class IntraOpThreads {

    /** DJL's own setting; this class makes it hold in every calling thread. */
    static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private final int threads;
    private Thread appliedIn;

    /** @param threads intra-op threads, or 0 to leave each thread as libtorch set it up */
    IntraOpThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0 (0 = libtorch's default), got " + threads);
        }
        this.threads = threads;
    }

    /** The value of {@value #PROPERTY}, or 0 when it is not set. */
    static int fromSystemProperty() {
        return Integer.getInteger(PROPERTY, 0);
    }

    /** Sets the count in the calling thread if this learner has not done so in it yet (a field compare otherwise). */
    void applyToCurrentThread() {
        Thread current = Thread.currentThread();
        if (threads > 0 && appliedIn != current) {
            JniUtils.setNumThreads(threads);
            appliedIn = current;
        }
    }
}
