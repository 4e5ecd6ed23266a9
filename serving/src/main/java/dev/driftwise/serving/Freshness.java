package dev.driftwise.serving;

import java.time.Duration;

/**
 * How fresh a served model must be: no older than {@code maxAge} (from the snapshot's createdAt to
 * now) and no more than {@code maxVersionLag} versions behind the newest version seen on the topic
 * for its stream (a newer snapshot still arriving, or one that was rejected, counts).
 */
public record Freshness(Duration maxAge, long maxVersionLag) {

    private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE);

    public Freshness {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge " + maxAge + " must be zero or positive; use Freshness.any() for no bound");
        }
        if (maxVersionLag < 0) {
            throw new IllegalArgumentException("maxVersionLag " + maxVersionLag + " must be >= 0 (0 = the newest version seen)");
        }
    }

    /** Any model will do. */
    public static Freshness any() {
        return new Freshness(UNBOUNDED, Long.MAX_VALUE);
    }

    public static Freshness maxAge(Duration maxAge) {
        return new Freshness(maxAge, Long.MAX_VALUE);
    }

    public static Freshness maxVersionLag(long versions) {
        return new Freshness(UNBOUNDED, versions);
    }

    public Freshness andMaxAge(Duration age) {
        return new Freshness(age, maxVersionLag);
    }

    public Freshness andMaxVersionLag(long versions) {
        return new Freshness(maxAge, versions);
    }

    /** e.g. "at most 300000 ms old and 0 version(s) behind"; unbounded parts are left out. */
    @Override
    public String toString() {
        String age = maxAge.equals(UNBOUNDED) ? null : "at most " + maxAge.toMillis() + " ms old";
        String lag = maxVersionLag == Long.MAX_VALUE ? null : "at most " + maxVersionLag + " version(s) behind";
        if (age == null && lag == null) {
            return "any model";
        }
        return age == null ? lag : lag == null ? age : age + " and " + lag;
    }
}
