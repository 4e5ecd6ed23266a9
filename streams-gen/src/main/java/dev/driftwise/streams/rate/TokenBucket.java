package dev.driftwise.streams.rate;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket that blocks the caller until the next token is due: {@code rate} tokens per second,
 * at most {@code burst} tokens of catch-up after a stall. Written in its virtual-scheduling form
 * (GCRA): token k is due at {@code anchor + k / rate}; a caller that is early parks until then, a
 * caller that fell more than {@code burst} tokens behind moves the anchor so that it never bursts
 * more. Parking (not spinning) costs ~50 µs per wake-up; at high rates one wake-up releases every
 * token that came due meanwhile, so the long-run rate stays exact.
 */
public final class TokenBucket {

    /** Time source and waiting, replaceable so the schedule can be tested without sleeping. */
    interface Ticker {
        long nanoTime();

        void parkUntil(long deadlineNanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkUntil(long deadlineNanos) throws InterruptedException {
                long wait;
                while ((wait = deadlineNanos - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for a rate token");
                    }
                }
            }
        };
    }

    /**
     * Catch-up allowed after a stall when no burst is given: 250 ms worth of tokens, at least one.
     * Long enough that GC pauses, a busy machine or a slow broker do not cost the run its average
     * rate; short enough that a consumer never sees more than a quarter second's samples at once.
     */
    static final double DEFAULT_BURST_SECONDS = 0.25;

    private final double nanosPerToken;
    private final long burstNanos;
    private final Ticker ticker;
    private long anchorNanos;
    private long granted;

    /** A bucket at {@code ratePerSecond} with the default burst (250 ms of tokens, at least one). */
    public TokenBucket(double ratePerSecond) {
        this(ratePerSecond, Math.max(1, (long) Math.ceil(ratePerSecond * DEFAULT_BURST_SECONDS)), Ticker.SYSTEM);
    }

    TokenBucket(double ratePerSecond, long burst, Ticker ticker) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number > 0 tokens/s, got " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 token, got " + burst);
        }
        this.nanosPerToken = 1e9 / ratePerSecond;
        this.burstNanos = (long) (burst * nanosPerToken);
        this.ticker = ticker;
        this.anchorNanos = ticker.nanoTime();
    }

    public double ratePerSecond() {
        return 1e9 / nanosPerToken;
    }

    /** Takes one token, parking until it is due. */
    public void acquire() throws InterruptedException {
        long due = anchorNanos + (long) (granted * nanosPerToken);
        long lateBy = ticker.nanoTime() - due;
        if (lateBy > burstNanos) {
            anchorNanos += lateBy - burstNanos;
        } else if (lateBy < 0) {
            ticker.parkUntil(due);
        }
        granted++;
    }
}
