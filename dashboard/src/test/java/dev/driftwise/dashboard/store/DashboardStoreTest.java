package dev.driftwise.dashboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.dashboard.kafka.RecordRouter;
import dev.driftwise.dashboard.testkit.Records;
import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The store fed through the router with real encoded bytes, as the Kafka reader feeds it. */
class DashboardStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private final WireCodec codec = WireCodec.standard();

    private static DashboardStore store(int history) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (TopicKind k : TopicKind.values()) {
            topics.put(RecordRouter.key(k), k.defaultTopic());
        }
        return new DashboardStore(history, topics, Clock.fixed(T0.plusSeconds(42), ZoneOffset.UTC));
    }

    private static StreamView stream(DashboardStore store, String id) {
        AtomicReference<StreamView> found = new AtomicReference<>();
        store.read(v -> v.streams().stream().filter(s -> s.id().equals(id)).findFirst().ifPresent(found::set));
        assertNotNull(found.get(), "no stream '" + id + "' in the store");
        return found.get();
    }

    private static TopicCounter topic(DashboardStore store, String kind) {
        AtomicReference<TopicCounter> found = new AtomicReference<>();
        store.read(v -> v.topics().stream().filter(t -> t.kind().equals(kind)).findFirst().ifPresent(found::set));
        return found.get();
    }

    @Test
    void pointsArePerStreamAndTheTaskFollowsTheMetrics() {
        DashboardStore store = store(100);
        RecordRouter router = new RecordRouter(codec, store);
        for (int i = 1; i <= 5; i++) {
            router.route(TopicKind.METRICS, codec.encode(Records.metrics("reg", i * 1000L, 0.5 / i, null, T0)));
            router.route(TopicKind.METRICS, codec.encode(Records.metrics("cls", i * 1000L, 0.6, 0.5 + i / 100.0, T0)));
            router.route(TopicKind.METRICS, codec.encode(Records.metrics("cls", i * 1000L + 500, 0.6, 0.6, T0)));
            router.route(TopicKind.STEPSIZES, codec.encode(Records.stepSizes("reg", i, i * 1000L, T0, 1e-3 * i, 1e-4)));
        }
        StreamView reg = stream(store, "reg");
        StreamView cls = stream(store, "cls");
        assertEquals(5, reg.metrics().size());
        assertEquals(10, cls.metrics().size());
        assertEquals(5, reg.alpha().size());
        assertEquals(0, cls.alpha().size());
        assertEquals(List.of("layer0", "layer1"), reg.alpha().columns());
        assertEquals(5e-3, reg.alpha().value("layer0", 4), 1e-15);
        assertEquals(0.1, reg.metrics().value(StreamView.WINDOW_LOSS, 4), 1e-12);
        assertTrue(cls.classification(), "metrics with accuracy make a classification stream");
        assertTrue(!reg.classification(), "metrics without accuracy make a regression stream");
        assertEquals(15, topic(store, "metrics").records());
        assertEquals(0, topic(store, "metrics").malformed());
    }

    @Test
    void historyIsCappedPerSeries() {
        DashboardStore store = store(10);
        RecordRouter router = new RecordRouter(codec, store);
        for (int i = 1; i <= 1000; i++) {
            router.route(TopicKind.METRICS, codec.encode(Records.metrics("s", i * 10L, 1.0, null, T0)));
        }
        StreamView s = stream(store, "s");
        assertTrue(s.metrics().size() <= 10, "kept " + s.metrics().size() + " points, cap 10");
        assertEquals(1000, s.metricsRecords(), "every record is still counted");
        assertEquals(10_000, s.latestMetrics().getSamplesSeen(), "the latest values are the newest record's");
    }

    @Test
    void malformedRecordsAreCountedPerTopicAndNeverStopTheStore() {
        DashboardStore store = store(100);
        RecordRouter router = new RecordRouter(codec, store);
        byte[] unknownFingerprint = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        router.route(TopicKind.METRICS, "{\"json\": true}".getBytes());
        router.route(TopicKind.METRICS, unknownFingerprint);
        router.route(TopicKind.METRICS, codec.encode(Records.stepSizes("s", 1, 100, T0, 1e-3))); // another record type
        router.route(TopicKind.STEPSIZES, new byte[0]);
        router.route(TopicKind.MODELS, null); // a compaction tombstone: not malformed
        router.route(TopicKind.METRICS, codec.encode(Records.metrics("s", 100, 0.3, null, T0)));

        TopicCounter metrics = topic(store, "metrics");
        assertEquals(4, metrics.records());
        assertEquals(3, metrics.malformed());
        assertTrue(metrics.lastProblem().startsWith("WRONG_TYPE"), "latest problem: " + metrics.lastProblem());
        assertEquals(T0.plusSeconds(42), metrics.lastProblemAt());
        assertEquals(1, topic(store, "stepsizes").malformed());
        assertTrue(topic(store, "stepsizes").lastProblem().startsWith("EMPTY"), topic(store, "stepsizes").lastProblem());
        assertEquals(1, topic(store, "models").records());
        assertEquals(0, topic(store, "models").malformed());
        assertEquals(1, stream(store, "s").metrics().size(), "the good record after the bad ones is shown");
    }

    @Test
    void driftsAreMarkedOnceWhereTheGroundTruthSaysTheyStart() {
        DashboardStore store = store(100);
        RecordRouter router = new RecordRouter(codec, store);
        for (long seq = 0; seq < 400; seq++) {
            int index = seq < 100 ? 0 : seq < 250 ? 1 : 2;
            DriftPhase phase = seq == 100 ? DriftPhase.ABRUPT : seq >= 250 && seq < 300 ? DriftPhase.GRADUAL : DriftPhase.STABLE;
            int concept = seq < 100 ? 0 : seq < 300 ? 1 : 2;
            router.route(TopicKind.SAMPLES, codec.encode(Records.sample("sea", seq, concept, index, phase, phase == DriftPhase.GRADUAL ? 1 : null)));
        }
        List<DriftMark> drifts = stream(store, "sea").drifts();
        assertEquals(List.of(new DriftMark(100, 1, "ABRUPT", 0, 1), new DriftMark(250, 2, "GRADUAL", 1, -1)), drifts);
        assertEquals("abrupt drift #1: concept 0 → 1", drifts.get(0).label());
        assertEquals(399, stream(store, "sea").lastSeq());
        assertEquals(400, stream(store, "sea").samplesRead());
    }

    @Test
    void aDriftUnderWayAtTheFirstSampleReadNamesItsOwnConcept() {
        DashboardStore store = store(100);
        store.sample(Records.sample("hyperplane", 0, 0, 1, DriftPhase.INCREMENTAL, null));
        store.sample(Records.sample("hyperplane", 1, 0, 1, DriftPhase.INCREMENTAL, null));
        assertEquals(List.of(new DriftMark(0, 1, "INCREMENTAL", 0, 0)), stream(store, "hyperplane").drifts());
        assertEquals("incremental drift #1: concept 0 moves", stream(store, "hyperplane").drifts().get(0).label());
    }

    @Test
    void theNewestSnapshotVersionWinsAndChunksDoNotCountTwice() {
        DashboardStore store = store(100);
        RecordRouter router = new RecordRouter(codec, store);
        router.route(TopicKind.MODELS, codec.encode(Records.model("s", 3, 0, 1, T0)));
        router.route(TopicKind.MODELS, codec.encode(Records.model("s", 5, 0, 2, T0.plusSeconds(10))));
        router.route(TopicKind.MODELS, codec.encode(Records.model("s", 5, 1, 2, T0.plusSeconds(10))));
        router.route(TopicKind.MODELS, codec.encode(Records.model("s", 4, 0, 1, T0.plusSeconds(20)))); // a stale leftover key
        router.route(TopicKind.DLQ, codec.encode(Records.deadLetter("s", 7)));
        router.route(TopicKind.DLQ, codec.encode(Records.deadLetter(null, 8)));
        StreamView s = stream(store, "s");
        assertEquals(new SnapshotInfo(5, T0.plusSeconds(10), 50, 1600, 2), s.snapshot());
        assertEquals(4, s.snapshotRecords());
        assertEquals(1, s.deadLetterRecords(), "the dead letter without a stream id counts only on its topic");
        assertEquals(2, topic(store, "dlq").records());
    }

    @Test
    void theVersionGrowsWithEveryChangeAndWakesWaiters() throws Exception {
        DashboardStore store = store(100);
        long before = store.version();
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            store.metrics(Records.metrics("s", 1, 1, null, T0));
        });
        writer.start();
        long after = store.awaitChange(before, 5000);
        writer.join();
        assertEquals(before + 1, after);
        assertEquals(after, store.awaitChange(after, 50), "no change: returns the same version after the timeout");
    }
}
