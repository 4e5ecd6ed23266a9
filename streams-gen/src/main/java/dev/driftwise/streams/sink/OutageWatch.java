package dev.driftwise.streams.sink;

import java.time.Duration;
import java.util.Locale;

/**
 * Tells a broker outage from a run's acknowledgement counts: samples waiting and no acknowledgement
 * for {@link #NOTICE_AFTER} is an outage; the next acknowledgement ends it; an outage that lasts the
 * timeout, counted from the last acknowledgement, means giving up. It only looks at the times and
 * counts it is given, so a test steps through an outage without a broker or a clock.
 */
final class OutageWatch {

    /** Quiet time that makes an outage: far above a healthy broker's acknowledgement delay (milliseconds), well below anyone's patience. */
    static final Duration NOTICE_AFTER = Duration.ofSeconds(5);
    /** How often a continuing outage is reported again. */
    static final Duration REPEAT_EVERY = Duration.ofSeconds(10);

    private final Duration timeout;
    private final long noticeNanos;
    private final OutageListener listener;
    private long lastAcknowledged;
    private long quietSince;
    private long nextReport;
    private int outages;
    private long longestNanos;
    private volatile boolean unreachable;
    private volatile boolean gaveUp;
    private volatile long quietNanos;

    OutageWatch(Duration timeout, OutageListener listener, long startNanos) {
        this(timeout, NOTICE_AFTER, listener, startNanos);
    }

    /** With another notice time: tests of the sink that should not wait seconds. */
    OutageWatch(Duration timeout, Duration noticeAfter, OutageListener listener, long startNanos) {
        this.timeout = timeout;
        this.noticeNanos = Math.min(noticeAfter.toNanos(), timeout.toNanos());
        this.listener = listener;
        this.quietSince = startNanos;
    }

    /**
     * One look at the counts.
     *
     * @param sent         samples handed to the producer, counting one that is still inside {@code send()}
     * @param acknowledged samples the brokers acknowledged
     */
    synchronized void observe(long nowNanos, long sent, long acknowledged) {
        if (gaveUp) {
            return;   // the run is ending with its own message
        }
        if (acknowledged != lastAcknowledged || sent == acknowledged) {
            if (unreachable) {
                long outage = nowNanos - quietSince;
                outages++;
                longestNanos = Math.max(longestNanos, outage);
                unreachable = false;
                listener.back(Duration.ofNanos(outage));
            }
            lastAcknowledged = acknowledged;
            quietSince = nowNanos;
            quietNanos = 0;
            return;
        }
        long quiet = nowNanos - quietSince;
        quietNanos = quiet;
        if (!unreachable && quiet >= noticeNanos) {
            unreachable = true;
            nextReport = nowNanos + REPEAT_EVERY.toNanos();
            listener.unreachable(Duration.ofNanos(quiet), sent - acknowledged, timeout);
        } else if (unreachable && nowNanos - nextReport >= 0 && quiet < timeout.toNanos()) {
            nextReport += REPEAT_EVERY.toNanos();
            listener.stillUnreachable(Duration.ofNanos(quiet), timeout);
        }
        if (unreachable && quiet >= timeout.toNanos()) {
            gaveUp = true;
        }
    }

    /** True from the moment an outage is noticed until the next acknowledgement. */
    boolean unreachable() {
        return unreachable;
    }

    /** True once an outage lasted the timeout; stays true. */
    boolean gaveUp() {
        return gaveUp;
    }

    /** How long nothing has been acknowledged while samples waited, as of the last look. */
    Duration quiet() {
        return Duration.ofNanos(quietNanos);
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code ", rode out 2 Kafka outages (longest 21 s)"}, or empty when there was none. */
    synchronized String summary() {
        return outages == 0 ? "" : String.format(Locale.ROOT, ", rode out %d Kafka outage%s (longest %s)",
                outages, outages == 1 ? "" : "s", OutageListener.text(Duration.ofNanos(longestNanos)));
    }
}
