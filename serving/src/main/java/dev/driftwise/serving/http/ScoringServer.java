package dev.driftwise.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.ModelLease;
import dev.driftwise.serving.NoFreshModelException;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.http.ApiError.Code;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API on the JDK's own HTTP server, over a running {@link SnapshotClient}:
 * <ul>
 *   <li>{@code POST /v1/streams/{stream}/predict} with {@code {"rows": [[...], ...]}}: one prediction per
 *       row from the stream's newest model that meets the freshness bound, with that model's version, age
 *       and provenance. Every row of a request uses the same model (one lease), whatever swaps happen.</li>
 *   <li>{@code GET /v1/streams}: every stream on the topic, its versions and freshness;
 *       {@code GET /v1/streams/{stream}}: the same for one, with provenance and the last rejection.</li>
 *   <li>{@code GET /healthz}: 200 while the topic reader runs (status {@code loading} until it has caught
 *       up with the topic, then {@code serving}), 503 once it stopped.</li>
 * </ul>
 * Errors are JSON {@code {"error": {"status", "code", "field", "message"}}} (see {@link ApiError.Code}).
 */
public final class ScoringServer implements AutoCloseable {

    /** How the server answers: the freshness bound, the largest batch, worker threads. */
    public record Settings(InetSocketAddress listen, Freshness freshness, int maxRows, int threads) {}

    /** Largest request body read; beyond it the request is refused (413) rather than buffered. */
    static final long MAX_BODY_BYTES = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    // NaN and Infinity tokens are read so they can be refused by name rather than as malformed JSON
    private final JsonFactory json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().getFactory();
    private final SnapshotClient client;
    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService threads;

    static {
        // The JDK server writes a response's headers and body in two segments; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK of the headers: 40 ms on every small response. Read once, when the
        // server classes load, so it must be set before the first server of the JVM (a user's -D still wins).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Binds the port (throws when it is taken); {@link #start} serves. */
    public ScoringServer(SnapshotClient client, Settings settings) throws IOException {
        this.client = client;
        this.settings = settings;
        this.server = HttpServer.create(settings.listen(), 0);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "serve-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::route);
    }

    public void start() {
        server.start();
    }

    /** The bound address (with the free port picked when asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String url() {
        return "http://" + address().getHostString() + ":" + address().getPort() + "/";
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = segments(exchange.getRequestURI().getRawPath());
            try {
                if (path.length == 1 && path[0].equals("healthz")) {
                    allow(exchange, "GET");
                    health(exchange);
                } else if (path.length == 2 && path[0].equals("v1") && path[1].equals("streams")) {
                    allow(exchange, "GET");
                    respond(exchange, 200, g -> StreamsJson.writeAll(g, client, settings.freshness()));
                } else if (path.length == 3 && path[0].equals("v1") && path[1].equals("streams")) {
                    allow(exchange, "GET");
                    String stream = knownStream(path[2]);
                    respond(exchange, 200, g -> StreamsJson.writeOne(g, client, stream, settings.freshness(), true));
                } else if (path.length == 4 && path[0].equals("v1") && path[1].equals("streams") && path[3].equals("predict")) {
                    allow(exchange, "POST");
                    predict(exchange, knownStream(path[2]));
                } else {
                    throw new ApiError(Code.NOT_FOUND, null, "no endpoint " + exchange.getRequestURI().getPath()
                            + "; the service answers POST /v1/streams/{stream}/predict, GET /v1/streams, GET /v1/streams/{stream}"
                            + " and GET /healthz");
                }
            } catch (ApiError e) {
                error(exchange, e);
            } catch (RuntimeException e) { // a bug, not the caller's fault: say so without a stack trace on the wire
                LOG.error("{} {} failed", method, exchange.getRequestURI(), e);
                error(exchange, 500, "INTERNAL", null, "the service failed on this request (" + e + "); see its log");
            }
        }
    }

    private void predict(HttpExchange exchange, String stream) throws IOException, ApiError {
        FeatureRows rows;
        try (InputStream body = new LimitedBody(exchange.getRequestBody(), MAX_BODY_BYTES)) {
            rows = FeatureRows.read(json, body, settings.maxRows());
        } catch (LimitedBody.TooLarge e) {
            throw new ApiError(Code.TOO_LARGE, null, e.getMessage());
        }
        try (ModelLease lease = client.acquire(stream, settings.freshness())) {
            ModelSpec spec = lease.spec();
            if (rows.width() != spec.inputs()) {
                throw new ApiError(Code.WRONG_FEATURE_COUNT, "rows[0]", "rows[0] has " + rows.width() + " features; stream '"
                        + stream + "' is served by model v" + lease.version() + ", which takes " + spec.inputs());
            }
            MicroBatch batch = rows.toBatch(lease.newBatch(rows.rows()));
            double[] out = lease.predict(batch);
            respond(exchange, 200, g -> {
                g.writeStartObject();
                g.writeStringField("stream", stream);
                ModelJson.write(g, lease, true);
                PredictionJson.write(g, spec, out, rows.rows());
                g.writeEndObject();
            });
        } catch (NoFreshModelException e) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            throw new ApiError(Code.NO_FRESH_MODEL, null, e.getMessage());
        }
    }

    /** The stream, if the topic has it; otherwise 404, or 503 while the client is still reading the topic. */
    private String knownStream(String stream) throws ApiError {
        if (client.streams().contains(stream)) {
            return stream;
        }
        if (!client.isCaughtUp()) {
            throw new ApiError(Code.LOADING, null, "no model of stream '" + stream + "' yet: the service is still reading "
                    + client.topic() + " (or waiting for it to exist); retry shortly");
        }
        throw new ApiError(Code.UNKNOWN_STREAM, null, "no stream '" + stream + "' on " + client.topic() + "; streams: "
                + (client.streams().isEmpty() ? "none yet" : String.join(", ", client.streams())) + " (GET /v1/streams)");
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean running = client.isRunning();
        String status = !running ? "stopped" : client.isCaughtUp() ? "serving" : "loading";
        respond(exchange, running ? 200 : 503, g -> {
            g.writeStartObject();
            g.writeStringField("status", status);
            g.writeStringField("topic", client.topic());
            g.writeBooleanField("caughtUp", client.isCaughtUp());
            g.writeNumberField("streams", client.streams().size());
            g.writeEndObject();
        });
    }

    private static void allow(HttpExchange exchange, String allowed) throws ApiError {
        String method = exchange.getRequestMethod();
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiError(Code.METHOD_NOT_ALLOWED, null, method + " " + exchange.getRequestURI().getPath()
                    + " is not allowed; use " + allowed);
        }
    }

    private static String[] segments(String rawPath) {
        String trimmed = rawPath.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] parts = trimmed.split("/");
        for (int i = 0; i < parts.length; i++) { // a stream id may hold any character, percent-encoded
            parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return parts;
    }

    private void error(HttpExchange exchange, ApiError e) throws IOException {
        error(exchange, e.status(), e.code().name(), e.field(), e.getMessage());
    }

    private void error(HttpExchange exchange, int status, String code, String field, String message) throws IOException {
        respond(exchange, status, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeNumberField("status", status);
            g.writeStringField("code", code);
            if (field == null) {
                g.writeNullField("field");
            } else {
                g.writeStringField("field", field);
            }
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Body writer that may fail with I/O. */
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private void respond(HttpExchange exchange, int status, JsonBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.createGenerator(bytes)) {
            body.write(g);
        }
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, bytes.size());
        try (OutputStream out = exchange.getResponseBody()) {
            bytes.writeTo(out);
        }
    }

    /** Stops accepting, lets requests in flight finish for up to a second, frees the port. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
