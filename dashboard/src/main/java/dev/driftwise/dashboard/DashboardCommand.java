package dev.driftwise.dashboard;

import dev.driftwise.consumers.tail.OutputTopicConsumer;
import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.kafka.settings.KafkaClientOptions;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftwise dashboard}: a live web page of every stream's loss, step sizes, drifts and snapshots. */
@Command(name = "driftwise dashboard", mixinStandardHelpOptions = true, sortOptions = false, version = "driftwise dashboard 0.1.0-SNAPSHOT",
        usageHelpAutoWidth = true,
        description = {"Serve a live web page: per stream, prequential loss (regression) or accuracy (classification) over samples, "
                + "alpha per step-size block (log scale), drift starts from the generator's ground truth, the newest model snapshot "
                + "and its age, and records read / malformed per topic. Needs no internet: the chart library is in the jar."},
        footer = {"", "Examples:", "  ./driftwise dashboard --from-beginning", "  ./driftwise dashboard --bootstrap kafka:9092 --bind 0.0.0.0 --port 8088"})
public final class DashboardCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: bootstrap.servers in --kafka-config, else localhost:9092)")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafkaOptions = new KafkaClientOptions();

    @Option(names = "--metrics-topic", paramLabel = "TOPIC", defaultValue = "driftwise.metrics", description = "PrequentialMetrics topic (default: ${DEFAULT-VALUE})")
    String metricsTopic;

    @Option(names = "--stepsizes-topic", paramLabel = "TOPIC", defaultValue = "driftwise.stepsizes", description = "StepSizeSnapshot topic (default: ${DEFAULT-VALUE})")
    String stepsizesTopic;

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = "driftwise.models", description = "ModelSnapshot topic, read from its beginning (default: ${DEFAULT-VALUE})")
    String modelsTopic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = "driftwise.dlq", description = "DeadLetter topic (default: ${DEFAULT-VALUE})")
    String dlqTopic;

    @Option(names = "--samples-topic", paramLabel = "TOPIC", defaultValue = "driftwise.samples",
            description = "Sample topic, for the drift starts in the generator's ground truth (default: ${DEFAULT-VALUE})")
    String samplesTopic;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8088", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    @Option(names = "--from-beginning", description = "Read metrics, step sizes, dead letters and samples from the earliest record (default: only new ones)")
    boolean fromBeginning;

    @Option(names = "--history", paramLabel = "POINTS", defaultValue = "2000",
            description = "Points kept per chart line; older points are thinned to every 2nd, 4th, … so a line spans the whole run (default: ${DEFAULT-VALUE})")
    int history;

    private final PrintWriter out;
    private final PrintWriter err;

    public DashboardCommand(PrintWriter out, PrintWriter err) {
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
        CommandLine cli = new CommandLine(new DashboardCommand(out, err)).setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("driftwise dashboard: " + e.getMessage());
            err.println("Run './driftwise dashboard --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    /** Checks every flag; a bad one ends with a message naming it, the value and what is allowed. */
    Dashboard.Settings settings() {
        CommandLine cli = new CommandLine(this);
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cli, "--port '" + port + "': allowed: 0 to 65535 (0 picks a free port)");
        }
        if (history < 10 || history > 1_000_000) {
            throw new CommandLine.ParameterException(cli, "--history '" + history + "': allowed: 10 to 1000000 points per chart line");
        }
        if (bootstrap != null && bootstrap.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--bootstrap '': give HOST:PORT of a Kafka broker, e.g. localhost:9092");
        }
        KafkaSettings kafka;
        try {
            kafka = kafkaOptions.settings(bootstrap, "localhost:9092", err);
            OutputTopicConsumer.properties(kafka, "driftwise-dashboard"); // a contradicting setting fails now, not in the reader
        } catch (KafkaSettingsException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        Map<TopicKind, String> topics = new LinkedHashMap<>();
        topic(cli, topics, TopicKind.METRICS, "--metrics-topic", metricsTopic);
        topic(cli, topics, TopicKind.STEPSIZES, "--stepsizes-topic", stepsizesTopic);
        topic(cli, topics, TopicKind.MODELS, "--models-topic", modelsTopic);
        topic(cli, topics, TopicKind.DLQ, "--dlq-topic", dlqTopic);
        topic(cli, topics, TopicKind.SAMPLES, "--samples-topic", samplesTopic);
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cli, "--bind '" + bind + "': not an address or a known host name; use 127.0.0.1 or 0.0.0.0");
        }
        return new Dashboard.Settings(kafka, topics, new InetSocketAddress(address, port), fromBeginning, history);
    }

    private static void topic(CommandLine cli, Map<TopicKind, String> topics, TopicKind kind, String flag, String name) {
        if (name.isBlank() || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new CommandLine.ParameterException(cli, flag + " '" + name + "': a Kafka topic name is 1 to 249 of a-z A-Z 0-9 . _ -");
        }
        for (Map.Entry<TopicKind, String> e : topics.entrySet()) {
            if (e.getValue().equals(name)) {
                throw new CommandLine.ParameterException(cli, flag + " '" + name + "': already the " + e.getKey().name().toLowerCase()
                        + " topic; each kind of record has its own topic");
            }
        }
        topics.put(kind, name);
    }

    @Override
    public Integer call() throws Exception {
        Dashboard.Settings settings = settings();
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(settings);
        } catch (BindException e) {
            err.println("driftwise dashboard: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "). Another program holds the port: pick another with --port, or --port 0 for any free one.");
            return 1;
        } catch (IOException e) {
            err.println("driftwise dashboard: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                dashboard.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "dashboard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        dashboard.readerFailure().thenRun(stopped::countDown);
        out.println("driftwise dashboard: " + dashboard.url() + "  (reading " + settings.bootstrap() + "; Ctrl-C stops)");
        out.flush();
        stopped.await();
        if (!dashboard.readerFailure().isDone()) {
            return 0; // Ctrl-C
        }
        // a page that can show nothing new must not look alive: stop serving and say why
        err.println("driftwise dashboard: stopped, the Kafka reader failed: " + dashboard.readerFailure().get());
        err.flush();
        dashboard.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        return 1;
    }
}
