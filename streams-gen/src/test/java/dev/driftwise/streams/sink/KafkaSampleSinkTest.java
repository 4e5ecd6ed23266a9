package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failed delivery must stop the run; an outage pauses it, a send rejected before appending is sent
 * again in order, and an outage longer than the timeout ends it. A real broker only fails after
 * minutes, so these cases inject the failure with Kafka's own MockProducer; the happy path runs
 * against a real broker in GenKafkaTest, and a real broker stopped and restarted mid-run in cli's
 * BrokerOutageTest.
 */
class KafkaSampleSinkTest {

    private static final SampleStream STREAM = new SampleStream() {
        @Override
        public String streamId() {
            return "s0";
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public String targetKind() {
            return "regression";
        }

        @Override
        public double ratePerSecond() {
            return 0;
        }

        @Override
        public void next(GeneratedSample into) {
        }
    };

    /** Completes or fails sends only when the test says so; no partitioner: records carry no partition. */
    private static MockProducer<byte[], byte[]> manualProducer() {
        return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** An outage is noticed after 300 ms here (5 s in a run), so these tests take a second, not ten. */
    private static final Duration NOTICE = Duration.ofMillis(300);

    private static KafkaSampleSink sink(MockProducer<byte[], byte[]> producer, Duration outageTimeout, BooleanSupplier stop) {
        return sink(producer, outageTimeout, stop, SILENT);
    }

    private static KafkaSampleSink sink(MockProducer<byte[], byte[]> producer, Duration outageTimeout, BooleanSupplier stop,
                                        OutageListener listener) {
        return new KafkaSampleSink(producer, new KafkaTarget("127.0.0.1:9", "t", 1, Duration.ofSeconds(10), outageTimeout, Map.of()),
                SampleOrigin.scenario("x", 1, "run"), WireCodec.standard()::encode, listener, stop, NOTICE);
    }

    private static final OutageListener SILENT = new OutageListener() {
        @Override
        public void unreachable(Duration quiet, long waiting, Duration giveUpAfter) {
        }

        @Override
        public void stillUnreachable(Duration quiet, Duration giveUpAfter) {
        }

        @Override
        public void back(Duration outage) {
        }
    };

    @Test
    void theFirstFailedDeliveryStopsTheNextSendWithKafkasReason() throws Exception {
        MockProducer<byte[], byte[]> producer = manualProducer();
        KafkaSampleSink sink = sink(producer, Duration.ofMinutes(5), () -> false);
        GeneratedSample s = new GeneratedSample(2);
        sink.accept(STREAM, s);
        s.seq = 1;
        sink.accept(STREAM, s);
        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for t-0: 120000 ms has passed since batch creation"));
        s.seq = 2;
        KafkaSampleSink.DeliveryFailed e = assertThrows(KafkaSampleSink.DeliveryFailed.class, () -> sink.accept(STREAM, s));
        assertEquals("sending to topic 't' failed after 1 acknowledged samples: Expiring 1 record(s) for t-0: 120000 ms has passed since batch creation",
                e.getMessage());
        assertEquals(2, producer.history().size(), "nothing is sent after a failure");
        sink.close();
    }

    @Test
    void recordsAreKeyedByStreamIdAndCarryTheEncodedSample() throws Exception {
        MockProducer<byte[], byte[]> producer = manualProducer();
        KafkaSampleSink sink = sink(producer, Duration.ofMinutes(5), () -> false);
        GeneratedSample s = new GeneratedSample(2);
        s.features[0] = 1.5f;
        s.target = 3;
        s.seq = 7;
        sink.accept(STREAM, s);
        var record = producer.history().get(0);
        assertEquals("s0", new String(record.key(), StandardCharsets.UTF_8));
        Sample decoded = WireCodec.standard().decode(record.value(), Sample.class);
        assertEquals(7, decoded.getSeq());
        assertEquals(1.5f, decoded.getFeatures().get(0));
        assertEquals("scenario=x seed=1", decoded.getSource());
        assertTrue(decoded.getEventTime().toEpochMilli() > 0);
        sink.close();
    }

    /**
     * What KafkaProducer.send does when metadata or buffer space did not come within max.block.ms:
     * the record is not appended, and the TimeoutException goes to the callback on the caller's thread.
     */
    private static final class RejectingProducer extends MockProducer<byte[], byte[]> {
        private int rejectionsLeft;
        private final int rejectFromCall;
        private int calls;

        RejectingProducer(int rejectFromCall, int rejections) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.rejectFromCall = rejectFromCall;
            this.rejectionsLeft = rejections;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (++calls >= rejectFromCall && rejectionsLeft > 0) {
                rejectionsLeft--;
                TimeoutException e = new TimeoutException("Topic t not present in metadata after 10000 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }

    @Test
    @Timeout(30)   // a wait that never ends is the failure these guard against
    void aSendRejectedBeforeAppendingIsSentAgainBeforeAnyLaterSample() throws Exception {
        RejectingProducer producer = new RejectingProducer(2, 3);   // seq 1 is rejected three times
        KafkaSampleSink sink = sink(producer, Duration.ofMinutes(5), () -> false);
        GeneratedSample s = new GeneratedSample(2);
        for (int seq = 0; seq < 4; seq++) {
            s.seq = seq;
            sink.accept(STREAM, s);
        }
        sink.flush();
        List<Long> seqs = new ArrayList<>();
        for (var r : producer.history()) {
            seqs.add(WireCodec.standard().decode(r.value(), Sample.class).getSeq());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), seqs, "appended records, in order");
        assertEquals(4, sink.acknowledged());
        sink.close();
    }

    @Test
    @Timeout(30)   // a wait that never ends is the failure these guard against
    void aRejectedSendIsTriedAgainUntilTheBrokerIsBackEvenWhenNothingElseWaits() throws Exception {
        // everything before was acknowledged; then the topic's metadata is gone for 20 tries (about 2 s):
        // only trying again can find out that the broker is back
        RejectingProducer producer = new RejectingProducer(2, 20);
        List<String> told = new ArrayList<>();
        KafkaSampleSink sink = sink(producer, Duration.ofMinutes(5), () -> false, new OutageListener() {
            @Override
            public void unreachable(Duration quiet, long waiting, Duration giveUpAfter) {
                told.add("unreachable, " + waiting + " waiting");
            }

            @Override
            public void stillUnreachable(Duration quiet, Duration giveUpAfter) {
            }

            @Override
            public void back(Duration outage) {
                told.add("back");
            }
        });
        GeneratedSample s = new GeneratedSample(2);
        sink.accept(STREAM, s);
        s.seq = 1;
        long start = System.nanoTime();
        sink.accept(STREAM, s);
        double seconds = (System.nanoTime() - start) / 1e9;
        sink.flush();
        Thread.sleep(600);   // the watch looks every 250 ms
        assertEquals(List.of("unreachable, 1 waiting", "back"), told);
        assertEquals(2, producer.history().size(), "each sample appended once");
        assertTrue(seconds < 10, "the second sample took " + seconds + " s to go out");
        sink.close();
    }

    @Test
    @Timeout(30)   // a wait that never ends is the failure these guard against
    void anOutageLongerThanTheTimeoutEndsTheRunNamingTheFlag() throws Exception {
        MockProducer<byte[], byte[]> producer = manualProducer();   // never acknowledges: the broker is gone
        KafkaSampleSink sink = sink(producer, Duration.ofMillis(500), () -> false);
        GeneratedSample s = new GeneratedSample(2);
        sink.accept(STREAM, s);
        long start = System.nanoTime();
        KafkaSampleSink.DeliveryFailed e = assertThrows(KafkaSampleSink.DeliveryFailed.class, () -> {
            for (int seq = 1; seq < 1_000_000; seq++) {
                s.seq = seq;
                sink.accept(STREAM, s);
                Thread.sleep(1);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("gave up on Kafka at '127.0.0.1:9': nothing acknowledged for 1 s (--outage-timeout 1 s)"
                + " after 0 acknowledged samples;"), e.getMessage());
        assertTrue(e.getMessage().endsWith("raise --outage-timeout to wait longer"), e.getMessage());
        assertTrue(seconds < 5, "gave up after " + seconds + " s; the outage timeout is 0.5 s");
        int sentBeforePause = producer.history().size();
        assertTrue(sentBeforePause < 1000, "generation should pause once the outage is noticed; it sent " + sentBeforePause);
        sink.close();
    }

    @Test
    @Timeout(30)   // a wait that never ends is the failure these guard against
    void aStopEndsTheWaitForAnAbsentBroker() throws Exception {
        MockProducer<byte[], byte[]> producer = manualProducer();
        AtomicBoolean stop = new AtomicBoolean();
        KafkaSampleSink sink = sink(producer, Duration.ofMinutes(5), stop::get);
        GeneratedSample s = new GeneratedSample(2);
        sink.accept(STREAM, s);
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> sink.flush());
        Thread.sleep(NOTICE.toMillis() + 700);   // the outage is noticed; flush keeps waiting for the broker
        assertFalse(flushed.isDone(), "flush must wait for an absent broker while no stop was asked");
        stop.set(true);   // Ctrl-C
        flushed.get(5, TimeUnit.SECONDS);
        s.seq = 1;
        sink.accept(STREAM, s);
        assertEquals(1, producer.history().size(), "nothing is sent after a stop while Kafka is away");
        long start = System.nanoTime();
        sink.close();
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "close must not wait for records that cannot go out");
    }
}
