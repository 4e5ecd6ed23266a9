package dev.driftwise.streams.cli;

import dev.driftwise.kafka.settings.KafkaClientOptions;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.rate.RatePlan;
import dev.driftwise.streams.sink.KafkaSampleSink;
import dev.driftwise.streams.sink.OutageListener;
import dev.driftwise.streams.sink.SampleOrigin;
import dev.driftwise.streams.sink.SampleSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code driftwise gen}: drifting sample streams (or a replayed CSV) into Kafka or a file. */
@Command(name = "driftwise gen", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = GenCommand.Version.class,
        description = {
            "Generate drifting sample streams into Kafka (Avro Sample records, key = stream id) or a file, "
                    + "or replay a CSV file of your own data as one stream.",
            "Exit codes: 0 done, 1 runtime failure (Kafka, file, bad CSV data), 2 bad arguments."},
        footer = {"", "Examples:",
            "  ./driftwise gen --scenario sea-abrupt --rate 1000 --duration 5m",
            "  ./driftwise gen --scenario hyperplane --seed 7 --count 100000 --out h.avro",
            "  ./driftwise gen --replay prices.csv --target price --rate 50"})
public final class GenCommand implements Callable<Integer> {

    static final String DEFAULT_SCENARIO = "mixed-demo";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", order = 1,
            description = "Built-in scenario name or scenario file (default: " + DEFAULT_SCENARIO + "; see --list-scenarios).")
    String scenario;

    @Option(names = "--list-scenarios", order = 2, description = "Print the built-in scenario names and exit.")
    boolean listScenarios;

    @Option(names = "--seed", paramLabel = "SEED", order = 3,
            description = "Replaces the scenario's seed; every stream changes with it (default: the scenario's own seed).")
    Long seed;

    @Option(names = "--replay", paramLabel = "FILE.csv", order = 4,
            description = "Replay this CSV (header row, numeric cells) as one stream instead of a scenario."
                    + " The whole file is checked before the first sample is sent.")
    Path replay;

    @Option(names = "--target", paramLabel = "COLUMN", order = 5, description = "With --replay: the target column; every other column is a feature.")
    String target;

    @Option(names = "--stream-id", paramLabel = "ID", order = 6, description = "With --replay: the stream id (default: the file name without extension).")
    String streamId;

    @Option(names = "--ignore-column", paramLabel = "COLUMN", split = ",", order = 7,
            description = "With --replay: columns that are neither feature nor target (repeatable, or comma separated).")
    List<String> ignoredColumns = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", order = 10, description = "Stop after N samples in total, over all streams.")
    Long count;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, order = 11,
            description = "Stop after this long, e.g. 30s, 5m, 1h. Without --count or --duration a Kafka run goes on until Ctrl-C.")
    Duration duration;

    @Option(names = "--rate", paramLabel = "SAMPLES/S", order = 12,
            description = "Total rate over all streams, shared in proportion to the scenario's stream rates (equally when it sets none).")
    Double rate;

    @Option(names = "--rate-per-stream", paramLabel = "SAMPLES/S", order = 13, description = "Every stream at this rate.")
    Double ratePerStream;

    @Option(names = "--no-rate-limit", order = 14,
            description = "Ignore every rate: as fast as the output takes. Without a rate flag, Kafka runs use the scenario's"
                    + " stream rates and file outputs are written unpaced.")
    boolean noRateLimit;

    @Option(names = "--out", paramLabel = "FILE", order = 20,
            description = "Write to FILE instead of Kafka: .avro (Avro container of Sample records) or .csv"
                    + " (stream_id,seq,f0..fn,target,concept_id,drift_phase,mix_probability). The same seed writes the same bytes.")
    Path out;

    @Option(names = "--start-time", paramLabel = "INSTANT", converter = InstantConverter.class, defaultValue = "2026-01-01T00:00:00Z", order = 21,
            description = "File outputs: event time of seq 0; sample n of a stream is stamped start + n / its rate (default: ${DEFAULT-VALUE}).")
    Instant startTime;

    @Option(names = "--discard", order = 22, description = "Generate and throw away (measures the generator alone).")
    boolean discard;

    @Option(names = {"--bootstrap", "--bootstrap-server"}, paramLabel = "HOST:PORT", order = 30,
            description = "Kafka bootstrap.servers (default: bootstrap.servers in --kafka-config, else " + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafkaOptions = new KafkaClientOptions();

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "driftwise.samples", order = 31, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4", order = 32,
            description = "Partitions of the topic when this run creates it (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--connect-timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class, order = 33,
            description = "At start-up: give up when no broker answers within this time (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--outage-timeout", paramLabel = "TIME", defaultValue = "5m", converter = DurationConverter.class, order = 33,
            description = "Once samples flow: how long to wait for Kafka when it stops answering; generation pauses and goes on"
                    + " when it is back, nothing lost or repeated (default: ${DEFAULT-VALUE}).")
    Duration outageTimeout;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", order = 34,
            description = "Extra Kafka producer setting, e.g. linger.ms=20 (repeatable).")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--progress", negatable = true, order = 40,
            description = "A progress line on stderr every second (default: on when run in a terminal).")
    Boolean progress;

    private final ScenarioCatalog catalog;
    final AtomicBoolean stopRequested = new AtomicBoolean();
    OutageListener outageListener;
    private final CountDownLatch finished = new CountDownLatch(1);

    public GenCommand(ScenarioCatalog catalog) {
        this.catalog = catalog;
    }

    public static void main(String[] args) {
        GenCommand command = new GenCommand(new LibraryScenarios());
        CommandLine cli = commandLine(command);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            command.stopRequested.set(true);   // Ctrl-C: finish the current sample, flush, close
            try {
                command.finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gen-shutdown"));
        int code = cli.execute(args);
        command.finished.countDown();
        System.exit(code);
    }

    /** The command line with driftwise's error handling: exit 2 for bad arguments, 1 for failures. */
    public static CommandLine commandLine(GenCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler(GenCommand::badArguments);
        cli.setExecutionExceptionHandler(new Failures());
        return cli;
    }

    private static int badArguments(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("driftwise gen: " + e.getMessage());
        err.println("Run './driftwise gen --help' for the options.");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** Broker outages go to {@code listener} instead of gen's own lines on stderr (the demo shows them its way). */
    public void reportOutagesTo(OutageListener listener) {
        this.outageListener = listener;
    }

    /** Asks a running generation to stop after the current sample (Ctrl-C). */
    public void requestStop() {
        stopRequested.set(true);
    }

    @Override
    public Integer call() throws Exception {
        try {
            return generate();
        } finally {
            finished.countDown();
        }
    }

    private int generate() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (listScenarios) {
            PrintWriter outWriter = spec.commandLine().getOut();
            int width = catalog.builtInNames().stream().mapToInt(String::length).max().orElse(0);
            for (String name : catalog.builtInNames()) {
                String about = catalog.describe(catalog.load(name, null));
                outWriter.println(about.isEmpty() ? name : String.format("%-" + width + "s  %s", name, about));
            }
            outWriter.flush();
            return 0;
        }
        new ArgumentCheck(this).run();
        try (RunInput input = RunInput.open(this, catalog)) {
            RatePlan plan = ratePlan(input.streams());
            long limit = count != null ? count : Long.MAX_VALUE;
            if (input.finiteRows() >= 0) {
                limit = Math.min(limit, input.finiteRows());
            }
            RunOutput output = new RunOutput(this);
            try (SampleSink sink = output.open(input, plan, err)) {
                boolean showProgress = progress != null ? progress : System.console() != null;
                GenerationLoop loop = new GenerationLoop(input.streams(), plan, sink, limit,
                        duration == null ? Long.MAX_VALUE : duration.toNanos(), stopRequested::get,
                        showProgress ? (latest, start) -> new ProgressLine(err, input.streams(), latest, input.origin().groundTruth(), start) : null);
                GenerationLoop.Summary s = loop.run();
                err.println(String.format(Locale.ROOT, "driftwise gen: %,d samples from %d stream%s (%s) %s in %.1f s (%,.0f samples/s)%s%s",
                        s.samples(), input.streams().size(), input.streams().size() == 1 ? "" : "s", input.origin().source(),
                        output.destination(), s.seconds(), s.rate(),
                        sink instanceof KafkaSampleSink k ? String.format(Locale.ROOT, ", %,d acknowledged", k.acknowledged()) + k.outageSummary() : "",
                        s.stoppedEarly() ? ", stopped early (Ctrl-C or SIGTERM)" : ""));
                err.flush();
            }
            return 0;
        }
    }

    /**
     * Without a rate flag, Kafka runs follow the scenario's rates; files and --discard are written
     * as fast as possible (pacing a file only slows it down).
     */
    private RatePlan ratePlan(List<? extends SampleStream> streams) {
        double[] scenarioRates = streams.stream().mapToDouble(SampleStream::ratePerSecond).toArray();
        boolean noRateFlag = rate == null && ratePerStream == null;
        try {
            return RatePlan.resolve(rate, ratePerStream, noRateLimit || noRateFlag && (out != null || discard),
                    scenarioRates, streams.stream().map(SampleStream::streamId).toList());
        } catch (RatePlan.InvalidRate e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }


    /** Prints the module version for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"driftwise gen " + SampleOrigin.version()};
        }
    }
}
