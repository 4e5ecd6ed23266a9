package dev.driftwise.consumers.tail;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Writes any driftwise Avro record as JSON, field by field from its schema: timestamps as ISO-8601,
 * tensors as a summary (name, shape, dtype, element count, min, max, mean) instead of their data,
 * other bytes as their length and the first {@value #BYTES_SHOWN} bytes in base64.
 */
final class RecordJson {

    static final int BYTES_SHOWN = 64;

    private RecordJson() {
    }

    static void write(JsonGenerator g, IndexedRecord record) throws IOException {
        value(g, record.getSchema(), record);
    }

    private static void value(JsonGenerator g, Schema schema, Object v) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                if (v instanceof Tensor t) {
                    tensor(g, t);
                    return;
                }
                IndexedRecord r = (IndexedRecord) v;
                g.writeStartObject();
                for (Schema.Field f : schema.getFields()) {
                    g.writeFieldName(f.name());
                    value(g, f.schema(), r.get(f.pos()));
                }
                g.writeEndObject();
            }
            case UNION -> {
                if (v == null) {
                    g.writeNull();
                } else {
                    value(g, schema.getTypes().get(SpecificData.get().resolveUnion(schema, v)), v);
                }
            }
            case ARRAY -> {
                g.writeStartArray();
                for (Object item : (List<?>) v) {
                    value(g, schema.getElementType(), item);
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    g.writeFieldName(e.getKey().toString());
                    value(g, schema.getValueType(), e.getValue());
                }
                g.writeEndObject();
            }
            case BYTES, FIXED -> bytes(g, v instanceof ByteBuffer b ? b : ByteBuffer.wrap(((org.apache.avro.generic.GenericFixed) v).bytes()));
            case INT -> g.writeNumber(((Number) v).intValue());
            case LONG -> {
                if (v instanceof Instant instant) {
                    g.writeString(instant.toString());
                } else {
                    g.writeNumber(((Number) v).longValue());
                }
            }
            case FLOAT -> g.writeNumber(((Number) v).floatValue());
            case DOUBLE -> g.writeNumber(((Number) v).doubleValue());
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case NULL -> g.writeNull();
            default -> g.writeString(v.toString()); // STRING, ENUM
        }
    }

    private static void bytes(JsonGenerator g, ByteBuffer data) throws IOException {
        ByteBuffer b = data.duplicate();
        byte[] head = new byte[Math.min(BYTES_SHOWN, b.remaining())];
        b.duplicate().get(head);
        g.writeStartObject();
        g.writeNumberField("bytes", b.remaining());
        g.writeStringField("base64", Base64.getEncoder().encodeToString(head));
        g.writeBooleanField("truncated", head.length < b.remaining());
        g.writeEndObject();
    }

    private static void tensor(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.getName());
        g.writeArrayFieldStart("shape");
        for (long d : t.getShape()) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeStringField("dtype", t.getDtype().toString());
        g.writeNumberField("elementOffset", t.getElementOffset());
        int width = TensorCodec.width(t.getDtype());
        ByteBuffer data = t.getData();
        if (data.remaining() % width != 0) {
            g.writeStringField("error", data.remaining() + " data bytes are not a whole number of " + width + "-byte elements");
            g.writeEndObject();
            return;
        }
        double[] values = t.getDtype() == TensorDType.FLOAT64 ? TensorCodec.decodeDoubles(data) : widen(TensorCodec.decodeFloats(data));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long nonFinite = 0;
        for (double x : values) {
            if (!Double.isFinite(x)) {
                nonFinite++;
                continue;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        long finite = values.length - nonFinite;
        g.writeNumberField("elements", values.length);
        if (finite > 0) {
            g.writeNumberField("min", min);
            g.writeNumberField("max", max);
            g.writeNumberField("mean", sum / finite);
        }
        g.writeNumberField("nonFinite", nonFinite);
        g.writeEndObject();
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
