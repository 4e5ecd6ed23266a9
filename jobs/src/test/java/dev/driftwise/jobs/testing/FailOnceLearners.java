package dev.driftwise.jobs.testing;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.learn.LearnerFactory;
import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.learner.BatchScores;
import dev.driftwise.learner.Learner;
import dev.driftwise.learner.LearnerStatus;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.snapshot.LearnerSnapshot;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in learners, but the first learning step taken {@code failAfterMillis} after the run's first
 * step throws, once, as a crashed task would; every step sleeps {@code pauseMillis}, so the run outlasts
 * the failure time and checkpoints complete before it. Counts restores from non-empty state, so a test can tell a checkpoint restore happened.
 * Static counters: the local Flink runs in the test's JVM. One test at a time uses it.
 */
public final class FailOnceLearners implements LearnerFactory {

    private static final long serialVersionUID = 1L;
    private static final AtomicLong FIRST_STEP_NANOS = new AtomicLong();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    public static final AtomicInteger RESTORES = new AtomicInteger();

    private final long failAfterMillis;
    private final long pauseMillis;

    public FailOnceLearners(long failAfterMillis, long pauseMillis) {
        this.failAfterMillis = failAfterMillis;
        this.pauseMillis = pauseMillis;
        FIRST_STEP_NANOS.set(0);
        FAILED.set(false);
        RESTORES.set(0);
    }

    public static boolean failed() {
        return FAILED.get();
    }

    @Override
    public Learner create(LearnerSettings settings) {
        Learner inner = new Learners().create(settings);
        return new Learner() {
            @Override
            public BatchScores learn(MicroBatch batch) {
                FIRST_STEP_NANOS.compareAndSet(0, System.nanoTime());
                long elapsedMillis = (System.nanoTime() - FIRST_STEP_NANOS.get()) / 1_000_000;
                if (elapsedMillis >= failAfterMillis && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure " + elapsedMillis + " ms after the first step");
                }
                pause();
                return inner.learn(batch);
            }

            @Override
            public void restore(LearnerSnapshot snapshot) {
                RESTORES.incrementAndGet();
                inner.restore(snapshot);
            }

            @Override public ModelSpec spec() { return inner.spec(); }
            @Override public void check(float[] x, double y) { inner.check(x, y); }
            @Override public void predict(MicroBatch batch, double[] out) { inner.predict(batch, out); }
            @Override public LearnerSnapshot snapshot() { return inner.snapshot(); }
            @Override public LearnerStatus status() { return inner.status(); }
            @Override public void close() { inner.close(); }
        };
    }

    private void pause() {
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
