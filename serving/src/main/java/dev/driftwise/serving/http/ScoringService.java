package dev.driftwise.serving.http;

import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.SnapshotClientConfig;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A running scoring service: the {@link SnapshotClient} reading the models topic and the
 * {@link ScoringServer} answering over it. Started by {@code driftwise serve} and by tests.
 */
public final class ScoringService implements AutoCloseable {

    private final SnapshotClient client;
    private final ScoringServer server;

    private ScoringService(SnapshotClient client, ScoringServer server) {
        this.client = client;
        this.server = server;
    }

    /** Binds the port first (a taken port fails before anything connects to Kafka), then reads and serves. */
    public static ScoringService start(SnapshotClientConfig.Builder clientConfig, ScoringServer.Settings settings) throws IOException {
        SnapshotClient client = clientConfig.build();
        ScoringServer server;
        try {
            server = new ScoringServer(client, settings);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        client.start();
        server.start();
        return new ScoringService(client, server);
    }

    public SnapshotClient client() {
        return client;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public String url() {
        return server.url();
    }

    /** Stops answering, then stops reading and frees every model. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            client.close();
        }
    }
}
