package dev.driftwise.serving.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a background reader makes true, failing with what it waited for rather than hanging. */
public final class Eventually {

    private Eventually() {
    }

    /** Polls every 10 ms for up to 30 s (generous: brokers start slowly on a shared machine). */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 30 s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
