package dev.driftwise.streams.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A clock that only moves when the bucket parks (or the test advances it). */
    static final class FakeTicker implements TokenBucket.Ticker {
        long now;
        final List<Long> parkedUntil = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            parkedUntil.add(deadlineNanos);
            now = Math.max(now, deadlineNanos);
        }
    }

    @Test
    void tokensComeDueOneIntervalApart() throws InterruptedException {
        FakeTicker t = new FakeTicker();
        TokenBucket bucket = new TokenBucket(10, 1, t);
        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }
        // token 0 is due at once, tokens 1..4 every 100 ms
        assertEquals(List.of(100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L), t.parkedUntil);
    }

    @Test
    void afterAStallAtMostTheBurstIsReleasedAtOnce() throws InterruptedException {
        FakeTicker t = new FakeTicker();
        TokenBucket bucket = new TokenBucket(100, 5, t);   // 10 ms per token, burst 5
        bucket.acquire();
        t.now = 1_000_000_000L;                             // the caller stalled for 1 s (100 tokens' worth)
        int immediate = 0;
        while (true) {
            int parksBefore = t.parkedUntil.size();
            bucket.acquire();
            if (t.parkedUntil.size() > parksBefore) {
                break;
            }
            immediate++;
        }
        assertEquals(6, immediate, "tokens released without waiting after a 1 s stall (burst 5 plus the one due now)");
        assertEquals(1_010_000_000L, t.parkedUntil.get(t.parkedUntil.size() - 1), "after the burst, tokens come due one interval apart again");
    }

    @Test
    void holdsTheRateInRealTimeWithoutSpinning() throws InterruptedException {
        double rate = 4000;
        int tokens = 6000;                                  // 1.5 s
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        TokenBucket bucket = new TokenBucket(rate);
        for (int i = 0; i < tokens; i++) {
            bucket.acquire();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double achieved = tokens / seconds;
        assertTrue(Math.abs(achieved - rate) / rate < 0.10,
                "achieved " + achieved + " tokens/s over " + seconds + " s, expected " + rate + " ± 10%");
        assertTrue(cpuSeconds < 0.5 * seconds,
                "the waiting thread used " + cpuSeconds + " s of CPU in " + seconds + " s: it spins instead of parking");
    }

    @Test
    void rejectsARateThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0));
        assertTrue(e.getMessage().contains("rate must be"), e.getMessage());
    }
}
