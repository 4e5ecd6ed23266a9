package dev.driftwise.cli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (Kafka's own {@code kafka.Kafka}, KRaft, combined broker and controller) in a
 * child JVM on this JVM's classpath, bound to 127.0.0.1 only, with its data in a fresh folder that
 * {@link #close()} deletes (stack notes §5, recipe B). A child process keeps the broker's classes
 * apart from Flink's and can be stopped cleanly and completely, and {@link #stop()} then {@link #restart()}
 * bring it back on the same ports and data (an outage).
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Generous: on a loaded 2-core machine a start or restart took up to 45 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * A second listener beside the PLAINTEXT one, e.g. SASL_SSL for a secured cluster.
     *
     * @param name             listener name, e.g. {@code SASL_SSL}
     * @param securityProtocol its security protocol
     * @param advertisedHost   the host clients are told to use (the name the broker's certificate holds)
     * @param serverProperties its settings (keystore, SASL mechanisms, JAAS) in server.properties
     * @param formatArguments  extra {@code kafka-storage format} arguments, e.g. {@code --add-scram} for SCRAM users
     */
    public record Listener(String name, String securityProtocol, String advertisedHost, Map<String, String> serverProperties,
                           List<String> formatArguments) {}

    private final Path dataDir;
    private final Path props;
    private final Path log;
    private final int port;
    private final String extraBootstrap;
    private volatile Process process;

    private LocalKafkaBroker(Path dataDir, Path props, Path log, int port, String extraBootstrap, Process process) {
        this.dataDir = dataDir;
        this.props = props;
        this.log = log;
        this.port = port;
        this.extraBootstrap = extraBootstrap;
        this.process = process;
    }

    /** Formats a fresh KRaft storage folder and starts the broker; returns once it answers. */
    public static LocalKafkaBroker start() {
        return start(null);
    }

    /** Like {@link #start()}, with a second listener (null for none). */
    public static LocalKafkaBroker start(Listener extra) {
        Path dir;
        try {
            dir = Files.createTempDirectory("driftwise-kafka-");
        } catch (IOException e) {
            throw new BrokerUnavailable("could not create a temporary folder for the broker's data: " + e.getMessage()
                    + ". Check that " + System.getProperty("java.io.tmpdir") + " is writable and not full.", e);
        }
        int[] ports = FreePorts.pick(3);
        Path props = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        LocalKafkaBroker broker = null;
        try {
            String config = serverProperties(ports[0], ports[1], dir.resolve("data"));
            String extraBootstrap = null;
            if (extra != null) {
                config = withListener(config, extra, ports[2]);
                extraBootstrap = extra.advertisedHost() + ":" + ports[2];
            }
            Files.writeString(props, config, StandardCharsets.UTF_8);
            format(props, log, extra == null ? List.of() : extra.formatArguments());
            broker = new LocalKafkaBroker(dir, props, log, ports[0], extraBootstrap, launch(props, log));
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            closeQuietly(broker, dir);
            throw new BrokerUnavailable("could not start the embedded Kafka broker: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(broker, dir);
            throw e;
        }
    }

    /** {@code host:port} of the PLAINTEXT listener, for clients. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** {@code host:port} of the second listener ({@link #start(Listener)}). */
    public String listenerBootstrap() {
        if (extraBootstrap == null) {
            throw new IllegalStateException("this broker was started without a second listener");
        }
        return extraBootstrap;
    }

    /** Adds the second listener to the PLAINTEXT broker's configuration; inter-broker traffic stays PLAINTEXT. */
    static String withListener(String config, Listener extra, int port) {
        String name = extra.name();
        StringBuilder b = new StringBuilder();
        for (String line : config.split("\n")) {
            if (line.startsWith("listeners=")) {
                line += "," + name + "://127.0.0.1:" + port;
            } else if (line.startsWith("advertised.listeners=")) {
                line += "," + name + "://" + extra.advertisedHost() + ":" + port;
            } else if (line.startsWith("listener.security.protocol.map=")) {
                line += "," + name + ":" + extra.securityProtocol();
            }
            b.append(line).append('\n');
        }
        extra.serverProperties().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    static String serverProperties(int port, int controllerPort, Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") ;
    }

    private static Process launch(Path props, Path log) throws IOException {
        return java(List.of("-Xms128m", "-Xmx512m", "kafka.Kafka", props.toString()), log).start();
    }

    private static void format(Path props, Path log, List<String> extraArguments) throws IOException {
        List<String> args = new ArrayList<>(List.of("-Xmx256m", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", props.toString(), "--standalone"));
        args.addAll(extraArguments);
        Process f = java(args, log).start();
        try {
            if (!f.waitFor(60, TimeUnit.SECONDS)) {
                f.destroyForcibly();
                throw new BrokerUnavailable("formatting the broker's storage took over 60 s; see " + log, null);
            }
        } catch (InterruptedException e) {
            f.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable("interrupted while formatting the broker's storage", e);
        }
        if (f.exitValue() != 0) {
            throw new BrokerUnavailable("formatting the broker's storage failed (exit " + f.exitValue() + "):\n"
                    + tail(log, 15) + "\nIf the disk is full, free some space in " + System.getProperty("java.io.tmpdir") + ".", null);
        }
    }

    private static ProcessBuilder java(List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info"); // the broker log is read only when it fails
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BrokerUnavailable("the embedded Kafka broker exited (code " + process.exitValue() + ") while starting:\n"
                        + tail(log, 20) + "\n" + advice(), null);
            }
            if (BrokerProbe.answers(bootstrap(), Duration.ofSeconds(2))) {
                return;
            }
        }
        throw new BrokerUnavailable("the embedded Kafka broker did not answer within " + READY_TIMEOUT.toSeconds()
                + " s:\n" + tail(log, 20) + "\n" + advice(), null);
    }

    private String advice() {
        return "If the log says 'Address already in use', another program took port " + port
                + " after it was picked: run the demo again (it picks new ports), or use a broker of yours with --bootstrap.";
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    /** Stops the broker (SIGTERM: a clean shutdown, then kill after 15 s) and keeps its data and ports for {@link #restart()}. */
    public void stop() {
        Process p = process;
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the stopped broker again on the same ports and data; returns once it answers. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is running; stop() it first");
        }
        try {
            process = launch(props, log);
        } catch (IOException e) {
            throw new BrokerUnavailable("could not restart the embedded Kafka broker: " + e.getMessage(), e);
        }
        awaitReady();
    }

    /** Stops the broker and deletes its data. Safe to call twice. */
    @Override
    public void close() {
        stop();
        deleteTree(dataDir);
    }

    private static void closeQuietly(LocalKafkaBroker broker, Path dir) {
        if (broker != null) {
            broker.close();
        } else {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("driftwise demo: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
