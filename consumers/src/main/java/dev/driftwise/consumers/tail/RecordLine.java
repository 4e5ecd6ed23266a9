package dev.driftwise.consumers.tail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record as one JSON line: where it came from ({@code topic}, {@code partition},
 * {@code offset}, {@code timestamp}, {@code key}), then either {@code record} (the Avro type) and
 * {@code value}, or {@code error} ({@code reason}, {@code message}) when the bytes do not decode.
 */
final class RecordLine {

    private final JsonFactory json = new JsonFactory();
    private final WireCodec codec;
    private final TopicKind kind;

    RecordLine(WireCodec codec, TopicKind kind) {
        this.codec = codec;
        this.kind = kind;
    }

    /** The decoded record, or null with {@code error} set. */
    record Decoded(SpecificRecord value, WireFormatException error) {
        /** The stream the record belongs to: its streamId field, else the key before any '#chunk' suffix. */
        String streamId(String key) {
            if (value != null && value.getSchema().getField("streamId") != null) {
                Object s = value.get(value.getSchema().getField("streamId").pos());
                if (s != null) {
                    return s.toString();
                }
            }
            return key == null ? null : key.split("#", 2)[0];
        }
    }

    Decoded decode(byte[] bytes) {
        try {
            return new Decoded(codec.decode(bytes, kind.recordType()), null);
        } catch (WireFormatException e) {
            return new Decoded(null, e);
        }
    }

    String format(ConsumerRecord<String, byte[]> r, Decoded d) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", r.topic());
            g.writeNumberField("partition", r.partition());
            g.writeNumberField("offset", r.offset());
            g.writeStringField("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
            g.writeStringField("key", r.key());
            if (d.error() == null) {
                g.writeStringField("record", d.value().getSchema().getName());
                g.writeFieldName("value");
                try {
                    RecordJson.write(g, d.value());
                } catch (RuntimeException e) { // a record whose content defies the summary: still one line
                    g.flush();
                    return errorLine(r, "UNPRINTABLE", e.toString());
                }
            } else {
                g.writeObjectFieldStart("error");
                g.writeStringField("reason", d.error().reason().toString());
                g.writeStringField("message", d.error().getMessage());
                g.writeNumberField("bytes", r.value() == null ? 0 : r.value().length);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String errorLine(ConsumerRecord<String, byte[]> r, String reason, String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", r.topic());
            g.writeNumberField("partition", r.partition());
            g.writeNumberField("offset", r.offset());
            g.writeStringField("key", r.key());
            g.writeObjectFieldStart("error");
            g.writeStringField("reason", reason);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
