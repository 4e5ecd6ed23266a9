package dev.driftwise.dashboard;

import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.dashboard.http.DashboardServer;
import dev.driftwise.dashboard.kafka.RecordRouter;
import dev.driftwise.dashboard.kafka.TopicReader;
import dev.driftwise.dashboard.store.DashboardStore;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.schemas.wire.WireCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running dashboard: the store, the Kafka reader feeding it, and the HTTP server showing it.
 * Started by {@code driftwise dashboard} and by tests; {@link #close} stops both threads.
 */
public final class Dashboard implements AutoCloseable {

    /** What a dashboard reads (with which Kafka client settings) and where it listens. */
    public record Settings(KafkaSettings kafka, Map<TopicKind, String> topics, InetSocketAddress listen,
                           boolean fromBeginning, int history) {

        /** A plaintext cluster with Kafka's default client settings. */
        public Settings(String bootstrap, Map<TopicKind, String> topics, InetSocketAddress listen, boolean fromBeginning, int history) {
            this(KafkaSettings.of(bootstrap), topics, listen, fromBeginning, history);
        }

        public String bootstrap() {
            return kafka.bootstrapServers();
        }
    }

    private final DashboardStore store;
    private final TopicReader reader;
    private final DashboardServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Dashboard(DashboardStore store, TopicReader reader, DashboardServer server) {
        this.store = store;
        this.reader = reader;
        this.server = server;
    }

    /** Binds the port (throws when it is taken), then starts reading and serving. */
    public static Dashboard start(Settings s) throws IOException {
        Map<String, String> byKind = new LinkedHashMap<>();
        for (TopicKind kind : s.topics().keySet()) {
            byKind.put(RecordRouter.key(kind), s.topics().get(kind));
        }
        DashboardStore store = new DashboardStore(s.history(), byKind, Clock.systemUTC());
        DashboardServer server = new DashboardServer(store, s.listen());
        TopicReader reader = new TopicReader(s.kafka(), s.topics(), s.fromBeginning(), new RecordRouter(WireCodec.standard(), store), store);
        server.start();
        reader.start();
        return new Dashboard(store, reader, server);
    }

    /** The driftwise topics with their default names, in the order the page lists them. */
    public static Map<TopicKind, String> defaultTopics() {
        Map<TopicKind, String> topics = new LinkedHashMap<>();
        for (TopicKind k : new TopicKind[] {TopicKind.METRICS, TopicKind.STEPSIZES, TopicKind.MODELS, TopicKind.DLQ, TopicKind.SAMPLES}) {
            topics.put(k, k.defaultTopic());
        }
        return topics;
    }

    public DashboardStore store() {
        return store;
    }

    public int port() {
        return server.port();
    }

    /** The page's address, e.g. http://127.0.0.1:8088/ */
    public String url() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    /** Completes with the reason when the Kafka reader stops on a failure: the page then has nothing new to show. */
    public CompletableFuture<String> readerFailure() {
        return reader.failure();
    }

    @Override
    public void close() throws InterruptedException {
        if (closed.compareAndSet(false, true)) {
            server.close();
            reader.close();
        }
    }
}
