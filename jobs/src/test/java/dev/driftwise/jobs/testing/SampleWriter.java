package dev.driftwise.jobs.testing;

import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes samples (single-object encoded, key = stream id) or raw bytes to a topic, in order, then flushes. */
public final class SampleWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public SampleWriter(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaTestBroker.bootstrap());
        p.put("acks", "all");
        // Order without the idempotent producer: under heavy load the in-process broker once answered an
        // idempotent retry with OutOfOrderSequenceException forever (seq 0 vs end 1599), hanging flush().
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("linger.ms", "5");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public void write(List<Sample> samples) {
        for (Sample s : samples) {
            write(s.getStreamId(), WireCodec.standard().encode(s));
        }
        producer.flush();
    }

    public void write(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
