package dev.driftwise.dashboard.store;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The dashboard's in-memory state: one {@link StreamView} per stream id, a {@link TopicCounter} per
 * topic, and a version that grows with every change so readers can wait for news. One thread (the
 * Kafka reader) writes; HTTP threads read inside {@link #read} under the same lock.
 */
public final class DashboardStore {

    private final int history;
    private final Clock clock;
    private final Map<String, StreamView> streams = new TreeMap<>();
    private final Map<String, TopicCounter> topics = new LinkedHashMap<>();
    private final Instant startedAt;
    private long version;
    private String readerStatus = "starting";

    /**
     * @param history points kept per series (and drift marks per stream)
     * @param topicsByKind topic name per kind ("metrics", "stepsizes", ...), in display order
     */
    public DashboardStore(int history, Map<String, String> topicsByKind, Clock clock) {
        if (history < 2) {
            throw new IllegalArgumentException("history " + history + ": keep at least 2 points per series");
        }
        this.history = history;
        this.clock = clock;
        this.startedAt = clock.instant();
        topicsByKind.forEach((kind, topic) -> topics.put(kind, new TopicCounter(kind, topic)));
    }

    public synchronized void metrics(PrequentialMetrics m) {
        counted("metrics");
        stream(m.getStreamId()).addMetrics(m);
        changed();
    }

    public synchronized void stepSizes(StepSizeSnapshot s) {
        counted("stepsizes");
        stream(s.getStreamId()).addStepSizes(s);
        changed();
    }

    public synchronized void model(ModelSnapshot m) {
        counted("models");
        stream(m.getStreamId()).addSnapshot(m);
        changed();
    }

    /** Returns the drift that begins with this sample, or null. */
    public synchronized DriftMark sample(Sample s) {
        counted("samples");
        DriftMark mark = stream(s.getStreamId()).addSample(s.getSeq(), s.getGroundTruth());
        changed();
        return mark;
    }

    public synchronized void deadLetter(DeadLetter d) {
        counted("dlq");
        if (d.getStreamId() != null) {
            stream(d.getStreamId()).addDeadLetter();
        }
        changed();
    }

    /** A record of this kind that the dashboard could not read: counted and shown, never fatal. */
    public synchronized void malformed(String kind, String problem) {
        TopicCounter c = counter(kind);
        c.record();
        c.malformed(problem, clock.instant());
        changed();
    }

    /** A record with no value (a compaction tombstone): counted, not malformed, nothing to show. */
    public synchronized void tombstone(String kind) {
        counted(kind);
        changed();
    }

    /** What the Kafka reader is doing, in words ("reading", "waiting for topic …", "cannot reach …"). */
    public synchronized void readerStatus(String status) {
        if (!status.equals(readerStatus)) {
            readerStatus = status;
            changed();
        }
    }

    /** Runs {@code reader} with a consistent view of everything; keep it short, the writer waits. */
    public synchronized void read(Consumer<View> reader) {
        reader.accept(new View(version, clock.instant(), startedAt, readerStatus, history,
                new ArrayList<>(streams.values()), new ArrayList<>(topics.values())));
    }

    /** A consistent view, valid only inside {@link #read}. */
    public record View(long version, Instant now, Instant startedAt, String readerStatus, int history,
                       List<StreamView> streams, List<TopicCounter> topics) {}

    /** When this store was made: a page that sees another value is talking to a restarted server. */
    public Instant startedAt() {
        return startedAt;
    }

    public synchronized long version() {
        return version;
    }

    /**
     * Waits until the version is above {@code seen} or the timeout passes; returns the version then.
     */
    public synchronized long awaitChange(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (version <= seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    private void changed() {
        version++;
        notifyAll();
    }

    private void counted(String kind) {
        counter(kind).record();
    }

    private TopicCounter counter(String kind) {
        return topics.computeIfAbsent(kind, k -> new TopicCounter(k, k));
    }

    private StreamView stream(String id) {
        return streams.computeIfAbsent(id, s -> new StreamView(s, history));
    }
}
