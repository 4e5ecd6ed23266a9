package dev.driftwise.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import dev.driftwise.dashboard.store.DashboardStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code /events}: server-sent events, one {@code state} event with the whole state (as
 * {@code /api/streams}) when something changed, at most every {@link #MIN_GAP_MS} ms so a fast
 * stream does not flood the browser, and a comment line every {@link #KEEPALIVE_MS} ms when nothing
 * did, so a dead browser is noticed and its thread freed.
 */
final class EventStream {

    static final long MIN_GAP_MS = 500;
    static final long KEEPALIVE_MS = 15_000;

    private final DashboardStore store;
    private volatile boolean closed;

    EventStream(DashboardStore store) {
        this.store = store;
    }

    void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            long sent = -1;
            while (!closed) {
                long version = store.awaitChange(sent, KEEPALIVE_MS);
                if (version == sent) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    String json = StateJson.of(store);
                    sent = version;
                    out.write(("id: " + version + "\nevent: state\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                Thread.sleep(MIN_GAP_MS);
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the server is stopping
        }
    }

    void close() {
        closed = true;
    }
}
