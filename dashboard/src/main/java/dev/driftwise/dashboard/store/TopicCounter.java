package dev.driftwise.dashboard.store;

import java.time.Instant;

/**
 * What came in on one topic: records read, and malformed ones (undecodable bytes, a schema
 * fingerprint nobody registered, content the dashboard cannot read) with the latest reason.
 */
public final class TopicCounter {

    private final String kind;
    private final String topic;
    private long records;
    private long malformed;
    private String lastProblem;
    private Instant lastProblemAt;

    TopicCounter(String kind, String topic) {
        this.kind = kind;
        this.topic = topic;
    }

    void record() {
        records++;
    }

    void malformed(String problem, Instant at) {
        malformed++;
        lastProblem = problem;
        lastProblemAt = at;
    }

    public String kind() {
        return kind;
    }

    public String topic() {
        return topic;
    }

    public long records() {
        return records;
    }

    public long malformed() {
        return malformed;
    }

    /** The latest malformed record's reason and message; null when there was none. */
    public String lastProblem() {
        return lastProblem;
    }

    public Instant lastProblemAt() {
        return lastProblemAt;
    }
}
