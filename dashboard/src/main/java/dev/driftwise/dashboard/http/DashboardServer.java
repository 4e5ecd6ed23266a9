package dev.driftwise.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftwise.dashboard.store.DashboardStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP side, on the JDK's own server: {@code /} the page, {@code /assets/*} its scripts
 * and styles, {@code /licenses/*} the bundled library's licence, {@code /api/streams} the state as JSON
 * ({@code ?since=V}: 204 when nothing changed after version V; with {@code &started=T}, only when this
 * server started at T, since a restarted server counts versions from 0 again), {@code /events} the same state as
 * server-sent events, {@code /healthz} liveness with the reader's status.
 */
public final class DashboardServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final EventStream events;

    public DashboardServer(DashboardStore store, InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 0);
        AtomicInteger n = new AtomicInteger();
        // each open event stream holds a thread; a cached pool grows with the browsers watching
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        events = new EventStream(store);
        server.createContext("/", this::asset);
        server.createContext("/api/streams", exchange -> state(exchange, store));
        server.createContext("/events", events::handle);
        server.createContext("/healthz", exchange -> health(exchange, store));
    }

    public void start() {
        server.start();
    }

    /** The bound port (the free one picked when asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void asset(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = StaticAssets.read(path);
        if (body == null) {
            send(exchange, 404, "text/plain; charset=utf-8", ("no such page: " + path + " (the dashboard is at /)").getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, StaticAssets.all().get(path).contentType(), body);
    }

    private static void state(HttpExchange exchange, DashboardStore store) throws IOException {
        Long since = parameter(exchange.getRequestURI(), "since");
        Long started = parameter(exchange.getRequestURI(), "started");
        boolean sameServer = started == null || started == store.startedAt().toEpochMilli();
        if (since != null && sameServer && store.version() <= since) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        send(exchange, 200, "application/json; charset=utf-8", StateJson.of(store).getBytes(StandardCharsets.UTF_8));
    }

    /** A whole-number query parameter; null when absent or not a number (then the whole state is the answer). */
    private static Long parameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith(name + "=")) {
                try {
                    return Long.parseLong(part.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void health(HttpExchange exchange, DashboardStore store) throws IOException {
        StringBuilder body = new StringBuilder();
        store.read(view -> body.append("{\"status\":\"ok\",\"reader\":\"").append(view.readerStatus().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\"streams\":").append(view.streams().size()).append('}'));
        send(exchange, 200, "application/json; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting, ends open event streams, and frees the port. */
    @Override
    public void close() {
        events.close();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
