package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A failed delivery must stop the run. A real broker only fails after minutes of retries, so this
 * one case injects the failure with Kafka's own MockProducer; the happy path runs against a real
 * broker in GenKafkaTest.
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

    @Test
    void theFirstFailedDeliveryStopsTheNextSendWithKafkasReason() throws Exception {
        MockProducer<byte[], byte[]> producer = manualProducer();
        KafkaSampleSink sink = new KafkaSampleSink(producer, "t", SampleOrigin.scenario("x", 1, "run"), WireCodec.standard()::encode);
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
        KafkaSampleSink sink = new KafkaSampleSink(producer, "t", SampleOrigin.scenario("x", 1, "run"), WireCodec.standard()::encode);
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
}
