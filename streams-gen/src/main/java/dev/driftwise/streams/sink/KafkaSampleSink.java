package dev.driftwise.streams.sink;

import dev.driftwise.schemas.Sample;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends samples to a Kafka topic: key = stream id (UTF-8), value = the encoded {@link Sample}. One
 * idempotent producer for all streams keeps each stream's order (same key → same partition, and
 * idempotence keeps order within a partition). Sends are asynchronous; the first failed delivery
 * stops the run at the next {@link #accept} or {@link #flush} with Kafka's reason.
 *
 * <p>A broker that goes away mid-run is waited for (see {@link KafkaTarget#producerConfig()} for why
 * nothing is lost or repeated): a watch thread notices that nothing is acknowledged any more, tells
 * the {@link OutageListener}, and {@link #accept} pauses generation until acknowledgements come again,
 * or fails once the outage lasts the target's outage timeout. A send that gave up before its record
 * was appended is sent again before anything else, so each stream's order holds.
 */
public final class KafkaSampleSink implements SampleSink {

    /** A delivery failed, or Kafka stayed away longer than the outage timeout; the run must stop. */
    public static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final long WATCH_EVERY_MS = 250;
    private static final long WAIT_SLICE_MS = 10;
    private static final long RESEND_PAUSE_MS = 100;

    private final Producer<byte[], byte[]> producer;
    private final KafkaTarget target;
    private final SampleRecords records;
    private final Function<? super Sample, byte[]> encoder;
    private final BooleanSupplier stopRequested;
    private final OutageWatch watch;
    private final Thread watchThread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Exception firstFailure;
    private volatile boolean closed;
    /** The generator's thread while it is inside {@code producer.send()}; a failure reported on it was never appended. */
    private Thread sendingThread;
    private Exception rejected;
    private final Callback onDelivery = this::delivered;

    /**
     * @param listener      hears about broker outages (from the watch thread)
     * @param stopRequested true once the run should end (Ctrl-C): a stop ends the wait for an absent broker
     */
    public KafkaSampleSink(KafkaTarget target, SampleOrigin origin, Function<? super Sample, byte[]> encoder,
                           OutageListener listener, BooleanSupplier stopRequested) {
        this(new KafkaProducer<>(target.producerConfig()), target, origin, encoder, listener, stopRequested, OutageWatch.NOTICE_AFTER);
    }

    KafkaSampleSink(Producer<byte[], byte[]> producer, KafkaTarget target, SampleOrigin origin, Function<? super Sample, byte[]> encoder,
                    OutageListener listener, BooleanSupplier stopRequested, Duration noticeOutageAfter) {
        this.producer = producer;
        this.target = target;
        this.records = new SampleRecords(origin, EventTimes.wallClock());
        this.encoder = encoder;
        this.stopRequested = stopRequested;
        try {
            // fetch the topic's metadata now, so the first send does not stall a paced run (bounded by max.block.ms)
            producer.partitionsFor(target.topic());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.watch = new OutageWatch(target.outageTimeout(), noticeOutageAfter, listener, System.nanoTime());
        this.watchThread = new Thread(this::watchLoop, "gen-kafka-watch");
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private void watchLoop() {
        while (!closed) {
            watch.observe(System.nanoTime(), sent.get(), acknowledged.get());
            try {
                Thread.sleep(WATCH_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void delivered(RecordMetadata metadata, Exception failure) {
        if (failure == null) {
            acknowledged.incrementAndGet();
        } else if (Thread.currentThread() == sendingThread) {
            rejected = failure;   // reported inside send(): the record never reached the producer's buffer
        } else if (firstFailure == null) {
            firstFailure = failure;
        }
    }

    @Override
    public void accept(SampleStream stream, GeneratedSample sample) {
        throwIfFailed();
        if (!awaitReachable()) {
            return;   // stopping while Kafka is away: nothing more goes out
        }
        SampleRecords.StreamRecord r = records.fill(stream, sample);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target.topic(), r.key, encoder.apply(r.sample));
        sent.incrementAndGet();   // waiting from now on: a send blocked on missing metadata is part of an outage
        while (!appended(record)) {
            // Not written, so nothing else may go first. Trying again is also how the run learns that
            // the broker is back when nothing else waits for an acknowledgement.
            if (stopRequested.getAsBoolean()) {
                sent.decrementAndGet();
                return;
            }
            sleep(RESEND_PAUSE_MS);
        }
    }

    /**
     * Hands the record to the producer. False when the producer gave up before appending it (no
     * metadata or buffer space within {@code max.block.ms}): then it was never written, and sending
     * it again cannot duplicate it.
     */
    private boolean appended(ProducerRecord<byte[], byte[]> record) {
        rejected = null;
        sendingThread = Thread.currentThread();
        try {
            producer.send(record, onDelivery);
        } finally {
            sendingThread = null;
        }
        Exception e = rejected;
        if (e == null) {
            return true;
        }
        if (e instanceof TimeoutException) {
            throwIfFailed();   // given up on the outage meanwhile
            return false;
        }
        throw new DeliveryFailed("sending to topic '" + target.topic() + "' failed after " + acknowledged.get()
                + " acknowledged samples: " + e.getMessage(), e);
    }

    /** Waits while Kafka is unreachable; false when a stop was asked for meanwhile. Fails once the outage lasts too long. */
    private boolean awaitReachable() {
        while (watch.unreachable()) {
            throwIfFailed();
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            sleep(WAIT_SLICE_MS);
        }
        return true;
    }

    /** Waits until every sample sent is acknowledged, through an outage if one comes; a stop ends the wait for an absent broker. */
    @Override
    public void flush() {
        while (acknowledged.get() < sent.get()) {
            throwIfFailed();
            if (watch.unreachable() && stopRequested.getAsBoolean()) {
                return;
            }
            sleep(WAIT_SLICE_MS);
        }
        throwIfFailed();
    }

    /** Samples the brokers have acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** {@code ", rode out 1 Kafka outage (longest 21 s)"}, or empty. */
    public String outageSummary() {
        return watch.summary();
    }

    private void throwIfFailed() {
        Exception f = firstFailure;
        if (f != null) {
            throw new DeliveryFailed("sending to topic '" + target.topic() + "' failed after " + acknowledged.get()
                    + " acknowledged samples: " + f.getMessage(), f);
        }
        if (watch.gaveUp()) {
            throw new DeliveryFailed(String.format(Locale.ROOT, "gave up on Kafka at '%s': nothing acknowledged for %s"
                    + " (--outage-timeout %s) after %,d acknowledged samples; %,d more were not delivered. Check that the"
                    + " broker is running, or raise --outage-timeout to wait longer", target.bootstrap(),
                    OutageListener.text(watch.quiet()), OutageListener.text(target.outageTimeout()), acknowledged.get(),
                    sent.get() - acknowledged.get()), null);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while waiting for Kafka", e);
        }
    }

    /** Stops the watch and closes the producer; records still waiting are dropped at once (the run already reported them). */
    @Override
    public void close() {
        closed = true;
        watchThread.interrupt();
        boolean waiting = acknowledged.get() < sent.get();
        producer.close(waiting ? Duration.ZERO : Duration.ofSeconds(10));
    }
}
