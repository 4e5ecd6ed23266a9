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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (Kafka's own {@code kafka.Kafka}, KRaft, combined broker and controller) in a
 * child JVM on this JVM's classpath, bound to 127.0.0.1 only, with its data in a fresh folder that
 * {@link #close()} deletes (stack notes §5, recipe B). A child process keeps the broker's classes
 * apart from Flink's and can be stopped cleanly and completely, and {@link #stop()} then
 * {@link #restart()} plays a broker outage: the same server on the same data and ports.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Generous: on a loaded 2-core machine a start or restart took up to 45 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final Path props;
    private final Path log;
    private final int port;
    private volatile Process process;

    private LocalKafkaBroker(Path dataDir, Path props, Path log, int port, Process process) {
        this.dataDir = dataDir;
        this.props = props;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    /** Formats a fresh KRaft storage folder and starts the broker; returns once it answers. */
    public static LocalKafkaBroker start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("driftwise-kafka-");
        } catch (IOException e) {
            throw new BrokerUnavailable("could not create a temporary folder for the broker's data: " + e.getMessage()
                    + ". Check that " + System.getProperty("java.io.tmpdir") + " is writable and not full.", e);
        }
        int[] ports = FreePorts.pick(2);
        Path props = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        LocalKafkaBroker broker = null;
        try {
            Files.writeString(props, serverProperties(ports[0], ports[1], dir.resolve("data")), StandardCharsets.UTF_8);
            format(props, log);
            broker = new LocalKafkaBroker(dir, props, log, ports[0], server(props, log));
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

    private static Process server(Path props, Path log) throws IOException {
        return java(List.of("-Xms128m", "-Xmx512m", "kafka.Kafka", props.toString()), log).start();
    }

    /** Stops the broker the way an operator would (SIGTERM, then kill after 15 s), keeping its data and ports for {@link #restart()}. */
    public void stop() {
        terminate(process);
    }

    /** Starts the stopped broker again on the same data and ports; returns once it answers. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker at " + bootstrap() + " is running; stop() it first");
        }
        try {
            process = server(props, log);
        } catch (IOException e) {
            throw new BrokerUnavailable("could not restart the embedded Kafka broker: " + e.getMessage(), e);
        }
        awaitReady();
    }

    /** {@code host:port} for clients. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
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

    private static void format(Path props, Path log) throws IOException {
        Process f = java(List.of("-Xmx256m", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", props.toString(), "--standalone"), log).start();
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

    /** Stops the broker (SIGTERM, then kill after 15 s) and deletes its data. Safe to call twice. */
    @Override
    public void close() {
        terminate(process);
        deleteTree(dataDir);
    }

    private static void terminate(Process p) {
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
