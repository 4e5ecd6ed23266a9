package dev.driftwise.jobs.options;

import dev.driftwise.kafka.settings.KafkaClientOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The job's flags as picocli reads them: {@code --key value}, exactly what {@code flink run} passes on.
 * Values stay text here; {@link JobOptions} checks them, so every error names the flag, the value and
 * what is allowed. {@code --stream.<id>.<setting>} overrides are options made for the names on the
 * command line ({@link #addStreamOverrides}), since their ids are the user's.
 */
@Command(name = "driftwise train", separator = " ", sortOptions = false, usageHelpWidth = 150,
        headerHeading = "", header = "driftwise train: the Flink online training job", synopsisHeading = "%nUsage: ",
        customSynopsis = "driftwise train --bootstrap HOST:PORT [flags]   (flink run -c dev.driftwise.jobs.OnlineTrainingJob <job jar> [flags])",
        optionListHeading = "%nFlags (--key value):%n",
        footer = "      --stream.<id>.<setting> VALUE      per-stream override of model, optimizer, micro-batch, device or engine, e.g."
                + " --stream.sensors.micro-batch 64")
final class JobFlags {

    static final List<String> OVERRIDABLE = List.of("model", "optimizer", "micro-batch", "device", "engine");

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, e.g. localhost:9092 (required, unless bootstrap.servers is in --kafka-config)")
    String bootstrap;

    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();

    @Option(names = "--samples-topic", paramLabel = "TOPIC", defaultValue = "driftwise.samples",
            description = "input topic of Avro Sample records (key = stream id) (default: ${DEFAULT-VALUE})")
    String samplesTopic;

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = "driftwise.models",
            description = "output: ModelSnapshot (compacted when the job creates it) (default: ${DEFAULT-VALUE})")
    String modelsTopic;

    @Option(names = "--stepsizes-topic", paramLabel = "TOPIC", defaultValue = "driftwise.stepsizes",
            description = "output: StepSizeSnapshot (default: ${DEFAULT-VALUE})")
    String stepSizesTopic;

    @Option(names = "--metrics-topic", paramLabel = "TOPIC", defaultValue = "driftwise.metrics",
            description = "output: PrequentialMetrics (default: ${DEFAULT-VALUE})")
    String metricsTopic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = "driftwise.dlq",
            description = "output: DeadLetter (bad input records and why) (default: ${DEFAULT-VALUE})")
    String dlqTopic;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "driftwise-train",
            description = "Kafka consumer group id (offsets live in Flink checkpoints; commits are informational) (default: ${DEFAULT-VALUE})")
    String groupId;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "per-stream",
            description = "per-stream (one learner per stream id) or global (one learner for all) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "linear:20",
            description = "model: a learner JSON spec or linear:<d>, logistic:<d>, softmax:<d>:<classes>, mlp:<d>-<hidden>-...-<outputs>,"
                    + " passthrough:<d> (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--optimizer", paramLabel = "SPEC", defaultValue = "default",
            description = "optimizer spec: default (chosen from the model), default(<overrides>), adam(lr=...), sgd(lr=...),"
                    + " idbd(theta=...), autostep, sgd-hd, adam-hd, paper-adamw-lion, metaoptimize(base=..., meta=..., blocks=...,"
                    + " alpha0=..., ...); snapshots record the concrete spec (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--micro-batch", paramLabel = "N", defaultValue = "32",
            description = "samples per learning step (a batch closes on this count per stream) (default: ${DEFAULT-VALUE})")
    String microBatch;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto", description = "cpu, gpu or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            description = "jvm (plain Java arrays, small models), torch (libtorch) or auto (torch on a GPU, else jvm up to"
                    + " 2,000,000 weights × micro-batch) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "100",
            description = "publish a ModelSnapshot every N steps (and at the end of a bounded input) (default: ${DEFAULT-VALUE})")
    String snapshotEvery;

    @Option(names = "--stepsizes-every", paramLabel = "M", defaultValue = "10",
            description = "publish a StepSizeSnapshot every M steps (default: ${DEFAULT-VALUE})")
    String stepSizesEvery;

    @Option(names = "--metrics-every", paramLabel = "K", defaultValue = "1000",
            description = "publish PrequentialMetrics every K samples (checked when a batch closes) (default: ${DEFAULT-VALUE})")
    String metricsEvery;

    @Option(names = "--metrics-window", paramLabel = "N", defaultValue = "1000",
            description = "sliding-window length in samples for windowLoss (default: ${DEFAULT-VALUE})")
    String metricsWindow;

    @Option(names = "--fading-factor", paramLabel = "F", defaultValue = "0.999",
            description = "fading factor in (0, 1] for fadingLoss (default: ${DEFAULT-VALUE})")
    String fadingFactor;

    @Option(names = "--checkpoint-interval", paramLabel = "TIME",
            description = "Flink checkpoint interval; outputs become visible to read_committed readers at checkpoints"
                    + " (default: the cluster's execution.checkpointing.interval, else 10s)")
    String checkpointInterval;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Flink parallelism of the job (default: the cluster's: flink run -p, else parallelism.default)")
    String parallelism;

    @Option(names = "--create-topics", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "create missing topics (models compacted) before starting; the flag alone means true (default: ${DEFAULT-VALUE})")
    String createTopics;

    @Option(names = "--topic-partitions", paramLabel = "N", defaultValue = "1",
            description = "partitions of topics the job creates (default: ${DEFAULT-VALUE})")
    String topicPartitions;

    @Option(names = "--bounded", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "stop at the input's latest offsets at start (tests, backfills); publishes final snapshots (default: ${DEFAULT-VALUE})")
    String bounded;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES", defaultValue = "1000000",
            description = "largest output record; bigger model snapshots are split into ordered chunks (default: ${DEFAULT-VALUE})")
    String maxMessageBytes;

    @Option(names = "--transaction-timeout", paramLabel = "TIME", defaultValue = "60s",
            description = "Kafka transaction.timeout.ms of the exactly-once sinks; must not exceed the broker's transaction.max.timeout.ms"
                    + " (default: ${DEFAULT-VALUE})")
    String transactionTimeout;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", defaultValue = "driftwise-train",
            description = "prefix of the sinks' transactional ids (unique per job on a cluster) (default: ${DEFAULT-VALUE})")
    String transactionalIdPrefix;

    @Option(names = "--job-name", paramLabel = "NAME", defaultValue = "driftwise online training",
            description = "Flink job name (default: ${DEFAULT-VALUE})")
    String jobName;

    @Option(names = "--help", usageHelp = true, order = 99, description = "print this text")
    boolean help;

    /** Per stream id, its overrides in the order given; filled by {@link #readStreamOverrides}. */
    final Map<String, Map<String, String>> streamOverrides = new LinkedHashMap<>();

    static CommandLine commandLine(JobFlags flags) {
        return new CommandLine(flags).setUsageHelpLongOptionsMaxWidth(34);
    }

    /** Adds an option for each {@code --stream.<id>.<setting>} on the command line, checking the setting. */
    static void addStreamOverrides(CommandLine cli, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--stream.")) {
                continue;
            }
            String key = arg.substring(2);
            int dot = key.lastIndexOf('.');
            String id = dot > "stream.".length() ? key.substring("stream.".length(), dot) : "";
            if (id.isEmpty() || !OVERRIDABLE.contains(key.substring(dot + 1))) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                throw new OptionException(key, value, "per-stream overrides read --stream.<id>.<model|optimizer|micro-batch|device|engine> <value>");
            }
            if (cli.getCommandSpec().findOption(arg) == null) {
                cli.getCommandSpec().addOption(OptionSpec.builder(arg).paramLabel("VALUE").arity("1").type(String.class).hidden(true).build());
            }
        }
    }

    /** After parsing: the values of the options {@link #addStreamOverrides} made, by stream id. */
    void readStreamOverrides(CommandLine cli) {
        for (OptionSpec o : cli.getCommandSpec().options()) {
            String name = o.longestName();
            if (!name.startsWith("--stream.") || o.getValue() == null) {
                continue;
            }
            String key = name.substring("--stream.".length());
            int dot = key.lastIndexOf('.');
            streamOverrides.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), o.getValue());
        }
    }
}
