package dev.driftwise.serving.http;

import dev.driftwise.kafka.settings.KafkaClientOptions;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import dev.driftwise.learner.DeviceChoice;
import dev.driftwise.serving.Freshness;
import dev.driftwise.serving.SnapshotClient;
import dev.driftwise.serving.SnapshotClientConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftwise serve}: an HTTP scoring service on the newest model snapshot of every stream. */
@Command(name = "driftwise serve", mixinStandardHelpOptions = true, sortOptions = false, version = "driftwise serve 0.1.0-SNAPSHOT",
        usageHelpAutoWidth = true,
        description = {"Serve predictions over HTTP from the newest model of every stream on the models topic (SnapshotClient: "
                + "hot swap, staleness bound). POST /v1/streams/{stream}/predict with {\"rows\": [[...], ...]}; GET /v1/streams; "
                + "GET /healthz."},
        footer = {"", "Examples:", "  ./driftwise serve",
            "  curl -s localhost:8090/v1/streams/sea/predict -d '{\"rows\": [[1.5, 7.2, 3.0]]}'",
            "  ./driftwise serve --bootstrap kafka:9092 --bind 0.0.0.0 --max-age 10m --max-version-lag 0"})
public final class ServeCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Option(names = {"--bootstrap", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: bootstrap.servers in --kafka-config, else localhost:9092)")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafkaOptions = new KafkaClientOptions();

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = SnapshotClientConfig.DEFAULT_TOPIC,
            description = "ModelSnapshot topic, read from its beginning (default: ${DEFAULT-VALUE})")
    String modelsTopic;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    @Option(names = "--max-age", paramLabel = "TIME|none", defaultValue = "none",
            description = "Refuse (503) a model older than this: 30s, 10m, 1h (default: ${DEFAULT-VALUE}; a stream whose input pauses publishes no new snapshots)")
    String maxAge;

    @Option(names = "--max-version-lag", paramLabel = "N|none", defaultValue = "1",
            description = "Refuse (503) a model more than N versions behind the newest seen on the topic, e.g. when newer ones were rejected (default: ${DEFAULT-VALUE})")
    String maxVersionLag;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000", description = "Most rows in one predict request (default: ${DEFAULT-VALUE})")
    int maxRows;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "HTTP worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "cpu", description = "Where models run (default: ${DEFAULT-VALUE})")
    String device;

    private final PrintWriter out;
    private final PrintWriter err;

    public ServeCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ServeCommand(out, err)).setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("driftwise serve: " + e.getMessage());
            err.println("Run './driftwise serve --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    /** Checks every flag; a bad one ends with a message naming it, the value and what is allowed. */
    ScoringServer.Settings settings() {
        CommandLine cli = new CommandLine(this);
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cli, "--port '" + port + "': allowed: 0 to 65535 (0 picks a free port)");
        }
        if (maxRows < 1 || maxRows > 1_000_000) {
            throw new CommandLine.ParameterException(cli, "--max-rows '" + maxRows + "': allowed: 1 to 1000000 rows per request");
        }
        if (threads < 1 || threads > 1024) {
            throw new CommandLine.ParameterException(cli, "--threads '" + threads + "': allowed: 1 to 1024");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cli, "--bind '" + bind + "': not an address or a known host name; use 127.0.0.1 or 0.0.0.0");
        }
        Freshness freshness = Freshness.any();
        if (!maxAge.equalsIgnoreCase("none")) {
            freshness = freshness.andMaxAge(duration(cli, maxAge));
        }
        if (!maxVersionLag.equalsIgnoreCase("none")) {
            freshness = freshness.andMaxVersionLag(versions(cli, maxVersionLag));
        }
        return new ScoringServer.Settings(new InetSocketAddress(address, port), freshness, maxRows, threads);
    }

    /**
     * The one place the service's Kafka consumer is configured: the SnapshotClient's settings. (Client
     * properties such as TLS or SASL settings belong here, so the scoring service and the library agree.)
     */
    SnapshotClientConfig.Builder snapshotClient() {
        CommandLine cli = new CommandLine(this);
        if (bootstrap != null && bootstrap.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--bootstrap '': give HOST:PORT of a Kafka broker, e.g. localhost:9092");
        }
        KafkaSettings kafka;
        try {
            kafka = kafkaOptions.settings(bootstrap, "localhost:9092", err);
        } catch (KafkaSettingsException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        bootstrap = kafka.bootstrapServers();
        if (!modelsTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new CommandLine.ParameterException(cli, "--models-topic '" + modelsTopic + "': a Kafka topic name is 1 to 249 of a-z A-Z 0-9 . _ -");
        }
        DeviceChoice choice;
        try {
            choice = DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--device '" + device + "': " + e.getMessage());
        }
        return SnapshotClient.builder(kafka).optTopic(modelsTopic).optDevice(choice);
    }

    private static Duration duration(CommandLine cli, String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new CommandLine.ParameterException(cli, "--max-age '" + text + "': allowed: none, or a positive duration like 30s, 10m, 1h, 500ms");
        }
        return d;
    }

    private static long versions(CommandLine cli, String text) {
        try {
            long n = Long.parseLong(text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new CommandLine.ParameterException(cli, "--max-version-lag '" + text + "': allowed: none, or a whole number >= 0"
                + " (0: only the newest version seen)");
    }

    @Override
    public Integer call() throws Exception {
        ScoringServer.Settings settings = settings();
        SnapshotClientConfig.Builder clientConfig = snapshotClient();
        ScoringService service;
        try {
            service = ScoringService.start(clientConfig, settings);
        } catch (BindException e) {
            err.println("driftwise serve: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "). Another program holds the port: pick another with --port, or --port 0 for any free one.");
            return 1;
        } catch (IOException e) {
            err.println("driftwise serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        } catch (KafkaException | KafkaSettingsException e) { // e.g. no bootstrap host name resolves
            err.println("driftwise serve: cannot read from --bootstrap '" + bootstrap + "': " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")
                    + "; give HOST:PORT of a reachable broker (from containers: kafka:9092, from the host: localhost:9092)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "serve-stop"));
        out.println("driftwise serve: " + service.url() + "  (models from " + modelsTopic + " on " + bootstrap
                + "; " + settings.freshness() + "; Ctrl-C stops)");
        out.flush();
        stopped.await();
        return 0;
    }
}
