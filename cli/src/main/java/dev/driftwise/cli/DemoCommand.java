package dev.driftwise.cli;

import dev.driftwise.cli.demo.Demo;
import dev.driftwise.cli.demo.DemoSettings;
import dev.driftwise.cli.demo.NewcomerErrors;
import dev.driftwise.kafka.settings.KafkaClientOptions;
import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftwise demo}: everything on this machine, live progress, a report at the end. */
@Command(name = "driftwise demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Starts a real Kafka broker (KRaft, 127.0.0.1 only, data in a temporary folder), the generator on a drifting "
                    + "scenario, and the Flink online training job in a local Flink; prints one line per stream every few "
                    + "seconds; ends with a report folder (PNG charts per stream, summary.md, summary.json). Ctrl-C stops "
                    + "everything cleanly.",
            "Exit codes: 0 done, 1 failure (the message says what to do), 2 bad arguments."},
        footer = {"", "Examples:", "  ./driftwise demo", "  ./driftwise demo --duration 30s --rate 3000",
            "  ./driftwise demo --optimizer \"default(blocks=per-layer)\"",
            "  ./driftwise demo --bootstrap localhost:9092", "  ./driftwise demo --dashboard          # then open http://127.0.0.1:8088/"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "mixed-demo", order = 1,
            description = "Generator scenario: a built-in name or a scenario file (default: ${DEFAULT-VALUE}; see ./driftwise gen --list-scenarios).")
    String scenario;

    @Option(names = "--rate", paramLabel = "SAMPLES/S", order = 2,
            description = "Total samples/s over all streams (default: the scenario's rates; mixed-demo: 200/s per stream).")
    Double rate;

    @Option(names = "--optimizer", paramLabel = "SPEC", order = 3,
            description = "The job's --optimizer spec, e.g. \"default(blocks=per-layer)\" (the default with one setting changed), "
                    + "\"adam(lr=0.001)\" or \"idbd(theta=0.01)\" "
                    + "(default: the job's; see ./driftwise train --help).")
    String optimizer;

    @Option(names = {"--bootstrap", "--bootstrap-server"}, paramLabel = "HOST:PORT", order = 4,
            description = "Use this Kafka cluster instead of starting the embedded broker.")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafkaOptions = new KafkaClientOptions();

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "2m", converter = DurationText.class, order = 5,
            description = "How long the demo runs, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--report-dir", paramLabel = "DIR", order = 6,
            description = "Where the report goes (default: reports/demo-<timestamp>/ in the project folder).")
    Path reportDir;

    @Option(names = "--progress-every", paramLabel = "TIME", defaultValue = "5s", converter = DurationText.class, order = 7,
            description = "How often the progress lines print (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--dashboard", paramLabel = "PORT", arity = "0..1", fallbackValue = "8088", order = 8,
            description = "Also serve the live dashboard on 127.0.0.1 while the demo runs: --dashboard for port 8088, "
                    + "--dashboard PORT for another (0: any free one; the address is printed).")
    Integer dashboardPort;

    private volatile Demo demo;

    public static void main(String[] args) {
        quietLogsUnlessAsked();
        DemoCommand command = new DemoCommand();
        Runtime.getRuntime().addShutdownHook(new Thread(command::stopAndWait, "demo-shutdown"));
        System.exit(commandLine(command).execute(args));
    }

    public static CommandLine commandLine(DemoCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("driftwise demo: " + e.getMessage());
            e.getCommandLine().getErr().println("Run './driftwise demo --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("driftwise demo: " + NewcomerErrors.explain(e));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration '" + duration + "': must be positive, e.g. 30s");
        }
        if (rate != null && !(rate > 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rate '" + rate + "': must be > 0 samples/s");
        }
        if (dashboardPort != null && (dashboardPort < 0 || dashboardPort > 65535)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--dashboard '" + dashboardPort
                    + "': allowed: a port from 0 to 65535 (0 picks a free one)");
        }
        KafkaSettings kafka = null;
        if (bootstrap != null) {
            try {
                kafka = kafkaOptions.settings(bootstrap, null, new CommandLine(this).getErr());
            } catch (KafkaSettingsException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
        } else if (kafkaOptions.given()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--kafka-config and --kafka-property are the client settings"
                    + " of your cluster: give it with --bootstrap HOST:PORT (the embedded broker is plaintext on 127.0.0.1)");
        }
        System.setProperty("java.awt.headless", "true");
        DemoSettings settings = new DemoSettings(scenario, rate, optimizer, bootstrap, duration,
                reportDir != null ? reportDir : defaultReportDir(), progressEvery, dashboardPort, kafka, kafkaOptions.asArgs());
        demo = new Demo(settings, System.out);
        demo.run();
        return 0;
    }

    /** Ctrl-C: let the running demo stop its parts, write its report and delete the broker's data. */
    private void stopAndWait() {
        Demo d = demo;
        if (d != null) {
            d.stop();
            try {
                d.awaitFinished(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Path defaultReportDir() {
        String root = System.getenv("DRIFTWISE_ROOT");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return (root != null ? Path.of(root) : Path.of("")).resolve("reports").resolve("demo-" + stamp);
    }

    /** Flink and Kafka log a lot at info; the demo's own lines are the point. */
    private static void quietLogsUnlessAsked() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms}, or ISO-8601 {@code PT30S}. */
    public static final class DurationText implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': expected a duration like 30s, 2m, 1h or 500ms");
            }
        }
    }
}
