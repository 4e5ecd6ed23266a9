package dev.driftwise.serving.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.ModelLease;
import dev.driftwise.serving.NoFreshModelException;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.SnapshotRejection;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code GET /v1/streams} and {@code GET /v1/streams/{stream}} say about a stream: the version
 * served and the newest seen on the topic, whether the served model meets the service's freshness bound
 * (and why not), the model itself, and the last snapshot the client refused.
 */
final class StreamsJson {

    private StreamsJson() {
    }

    /** {@code {"topic": ..., "caughtUp": ..., "freshness": ..., "streams": [...]}}; provenance only in the one-stream form. */
    static void writeAll(JsonGenerator g, SnapshotClient client, Freshness freshness) throws IOException {
        g.writeStartObject();
        g.writeStringField("topic", client.topic());
        g.writeBooleanField("caughtUp", client.isCaughtUp());
        g.writeStringField("freshness", freshness.toString());
        g.writeArrayFieldStart("streams");
        for (String stream : client.streams()) {
            writeOne(g, client, stream, freshness, false);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeOne(JsonGenerator g, SnapshotClient client, String stream, Freshness freshness, boolean details)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("stream", stream);
        writeVersion(g, "servedVersion", client.servedVersion(stream));
        writeVersion(g, "newestSeenVersion", client.newestSeenVersion(stream));
        // one lease answers both "is it fresh" and "which model", so a swap in between cannot mix two versions
        try (ModelLease fresh = client.acquire(stream, freshness)) {
            g.writeBooleanField("fresh", true);
            ModelJson.write(g, fresh, details);
        } catch (NoFreshModelException notFresh) {
            g.writeBooleanField("fresh", false);
            g.writeStringField("reason", notFresh.getMessage());
            try (ModelLease any = client.acquire(stream)) {
                ModelJson.write(g, any, details);
            } catch (NoFreshModelException none) {
                g.writeNullField("model");
            }
        }
        if (details) {
            Optional<SnapshotRejection> rejected = client.lastRejection(stream);
            if (rejected.isPresent()) {
                SnapshotRejection r = rejected.get();
                g.writeObjectFieldStart("lastRejection");
                g.writeNumberField("version", r.version());
                g.writeStringField("reason", r.reason().name());
                g.writeStringField("detail", r.detail());
                g.writeStringField("at", r.at().toString());
                g.writeEndObject();
            } else {
                g.writeNullField("lastRejection");
            }
        }
        g.writeEndObject();
    }

    private static void writeVersion(JsonGenerator g, String name, OptionalLong version) throws IOException {
        if (version.isPresent()) {
            g.writeNumberField(name, version.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }
}
