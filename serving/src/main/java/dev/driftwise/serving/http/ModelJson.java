package dev.driftwise.serving.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.serving.ModelLease;
import dev.driftwise.serving.ModelProvenance;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON of a served model, the same in every response: version, when it was cut and how old it was
 * when the request leased it, the model spec, and the snapshot's provenance.
 */
final class ModelJson {

    private ModelJson() {
    }

    /** Writes {@code "model": {...}} for the leased model; the provenance only when {@code withProvenance}. */
    static void write(JsonGenerator g, ModelLease lease, boolean withProvenance) throws IOException {
        ModelSpec spec = lease.spec();
        g.writeObjectFieldStart("model");
        g.writeNumberField("version", lease.version());
        g.writeStringField("createdAt", lease.createdAt().toString());
        g.writeNumberField("ageMs", lease.ageAtLease().toMillis());
        g.writeFieldName("spec");
        g.writeRawValue(spec.toCanonicalString()); // canonical JSON, written by ModelSpec itself
        if (withProvenance) {
            writeProvenance(g, lease.provenance());
        }
        g.writeEndObject();
    }

    private static void writeProvenance(JsonGenerator g, ModelProvenance p) throws IOException {
        g.writeObjectFieldStart("provenance");
        g.writeNumberField("step", p.step());
        g.writeNumberField("samplesSeen", p.samplesSeen());
        g.writeObjectFieldStart("optimizer");
        g.writeStringField("name", p.optimizer());
        writeStrings(g, "settings", p.optimizerSettings());
        g.writeEndObject();
        g.writeArrayFieldStart("sourceOffsets");
        for (ModelProvenance.InputPosition o : p.sourceOffsets()) {
            g.writeStartObject();
            g.writeStringField("topic", o.topic());
            g.writeNumberField("partition", o.partition());
            g.writeNumberField("offset", o.offset());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("summaryMetrics");
        for (Map.Entry<String, Double> e : p.summaryMetrics().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("schemaVersion", p.schemaVersion());
        g.writeObjectFieldStart("producer");
        g.writeStringField("name", p.producerName());
        g.writeStringField("version", p.producerVersion());
        g.writeStringField("runId", p.runId());
        g.writeStringField("host", p.host());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
