package dev.driftwise.streams.sink;

import dev.driftwise.schemas.Sample;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends samples to a Kafka topic: key = stream id (UTF-8), value = the encoded {@link Sample}. One
 * idempotent producer for all streams keeps each stream's order (same key → same partition, and
 * idempotence keeps order within a partition). Sends are asynchronous; the first failed delivery
 * stops the run at the next {@link #accept} or {@link #flush} with Kafka's reason.
 */
public final class KafkaSampleSink implements SampleSink {

    /** A delivery failed; the run must stop. */
    public static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final SampleRecords records;
    private final Function<? super Sample, byte[]> encoder;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Exception firstFailure;
    private final Callback onDelivery = this::delivered;

    public KafkaSampleSink(KafkaTarget target, SampleOrigin origin, Function<? super Sample, byte[]> encoder) {
        this(new KafkaProducer<>(target.producerConfig()), target.topic(), origin, encoder);
    }

    KafkaSampleSink(Producer<byte[], byte[]> producer, String topic, SampleOrigin origin,
                    Function<? super Sample, byte[]> encoder) {
        this.producer = producer;
        this.topic = topic;
        this.records = new SampleRecords(origin, EventTimes.wallClock());
        this.encoder = encoder;
        // fetch the topic's metadata now, so the first send does not stall a paced run (bounded by max.block.ms)
        producer.partitionsFor(topic);
    }

    private void delivered(RecordMetadata metadata, Exception failure) {
        if (failure == null) {
            acknowledged.incrementAndGet();
        } else if (firstFailure == null) {
            firstFailure = failure;
        }
    }

    @Override
    public void accept(SampleStream stream, GeneratedSample sample) {
        throwIfFailed();
        SampleRecords.StreamRecord r = records.fill(stream, sample);
        producer.send(new ProducerRecord<>(topic, r.key, encoder.apply(r.sample)), onDelivery);
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Samples the brokers have acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void throwIfFailed() {
        Exception f = firstFailure;
        if (f != null) {
            throw new DeliveryFailed("sending to topic '" + topic + "' failed after " + acknowledged.get()
                    + " acknowledged samples: " + f.getMessage(), f);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
