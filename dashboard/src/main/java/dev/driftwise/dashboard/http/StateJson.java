package dev.driftwise.dashboard.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.dashboard.store.DashboardStore;
import dev.driftwise.dashboard.store.DriftMark;
import dev.driftwise.dashboard.store.SeriesTable;
import dev.driftwise.dashboard.store.SnapshotInfo;
import dev.driftwise.dashboard.store.StreamView;
import dev.driftwise.dashboard.store.TopicCounter;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The store as the JSON the page draws from ({@code /api/streams}, {@code /events}). Series are
 * column arrays (x first), the shape uPlot takes as it is; NaN and infinities become null (a gap).
 * Times are epoch milliseconds; {@code now} is the server's clock, so the page can tick ages without
 * trusting the browser's clock.
 */
final class StateJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StateJson() {
    }

    static String of(DashboardStore store) {
        StringWriter out = new StringWriter();
        store.read(view -> {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                write(g, view);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out.toString();
    }

    private static void write(JsonGenerator g, DashboardStore.View view) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", view.version());
        g.writeNumberField("now", view.now().toEpochMilli());
        g.writeNumberField("startedAt", view.startedAt().toEpochMilli());
        g.writeStringField("reader", view.readerStatus());
        g.writeNumberField("history", view.history());
        g.writeArrayFieldStart("topics");
        for (TopicCounter t : view.topics()) {
            g.writeStartObject();
            g.writeStringField("kind", t.kind());
            g.writeStringField("topic", t.topic());
            g.writeNumberField("records", t.records());
            g.writeNumberField("malformed", t.malformed());
            g.writeStringField("lastProblem", t.lastProblem());
            millis(g, "lastProblemAt", t.lastProblemAt());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("streams");
        for (StreamView s : view.streams()) {
            stream(g, s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stream(JsonGenerator g, StreamView s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("task", s.metrics().size() == 0 ? "unknown" : s.classification() ? "classification" : "regression");
        g.writeObjectFieldStart("counts");
        g.writeNumberField("metrics", s.metricsRecords());
        g.writeNumberField("stepsizes", s.stepSizeRecords());
        g.writeNumberField("models", s.snapshotRecords());
        g.writeNumberField("samples", s.samplesRead());
        g.writeNumberField("dlq", s.deadLetterRecords());
        g.writeEndObject();
        g.writeNumberField("lastSeq", s.lastSeq());
        latest(g, s.latestMetrics(), s.latestStepSizes(), s.conceptId());
        series(g, "metrics", s.metrics());
        series(g, "alpha", s.alpha());
        g.writeArrayFieldStart("drifts");
        for (DriftMark d : s.drifts()) {
            g.writeStartObject();
            g.writeNumberField("at", d.at());
            g.writeNumberField("index", d.index());
            g.writeStringField("phase", d.phase());
            g.writeStringField("label", d.label());
            g.writeEndObject();
        }
        g.writeEndArray();
        SnapshotInfo snap = s.snapshot();
        if (snap == null) {
            g.writeNullField("snapshot");
        } else {
            g.writeObjectFieldStart("snapshot");
            g.writeNumberField("version", snap.version());
            millis(g, "createdAt", snap.createdAt());
            g.writeNumberField("step", snap.step());
            g.writeNumberField("samplesSeen", snap.samplesSeen());
            g.writeNumberField("chunks", snap.chunkCount());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void latest(JsonGenerator g, PrequentialMetrics m, StepSizeSnapshot s, Integer conceptId) throws IOException {
        g.writeObjectFieldStart("latest");
        if (m != null) {
            g.writeNumberField("samplesSeen", m.getSamplesSeen());
            number(g, "windowLoss", m.getWindowLoss());
            number(g, "windowAccuracy", m.getWindowAccuracy());
            number(g, "samplesPerSecond", m.getSamplesPerSecond());
            g.writeNumberField("deadLetters", m.getDeadLetters());
            millis(g, "metricsAt", m.getCreatedAt());
        }
        if (conceptId != null) {
            g.writeNumberField("conceptId", conceptId);
        }
        if (s != null) {
            g.writeObjectFieldStart("alpha");
            for (StepSizeBlock b : s.getBlocks()) {
                number(g, b.getName(), b.getAlpha());
            }
            g.writeEndObject();
            g.writeStringField("optimizer", s.getOptimizer().getName().toString());
        }
        g.writeEndObject();
    }

    /** {"columns": [names], "x": [...], "y": [[...] per column]} */
    private static void series(JsonGenerator g, String name, SeriesTable t) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("stride", t.stride());
        g.writeArrayFieldStart("columns");
        for (String c : t.columns()) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("x");
        for (int i = 0; i < t.size(); i++) {
            g.writeNumber((long) t.x(i));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("y");
        for (String c : t.columns()) {
            g.writeStartArray();
            for (int i = 0; i < t.size(); i++) {
                double v = t.value(c, i);
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, Double v) throws IOException {
        if (v != null && Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }

    private static void millis(JsonGenerator g, String field, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, t.toEpochMilli());
        }
    }
}
