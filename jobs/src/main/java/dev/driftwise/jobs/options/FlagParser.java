package dev.driftwise.jobs.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --key value} arguments against the table of known flags. */
final class FlagParser {

    /** One known flag: its name, default (null = required or none) and help line. */
    record Flag(String name, String defaultValue, String help) {}

    static final List<Flag> FLAGS = List.of(
            new Flag("bootstrap", null, "Kafka bootstrap servers (required), e.g. localhost:9092"),
            new Flag("samples-topic", "driftwise.samples", "input topic of Avro Sample records (key = stream id)"),
            new Flag("models-topic", "driftwise.models", "output: ModelSnapshot (compacted when the job creates it)"),
            new Flag("stepsizes-topic", "driftwise.stepsizes", "output: StepSizeSnapshot"),
            new Flag("metrics-topic", "driftwise.metrics", "output: PrequentialMetrics"),
            new Flag("dlq-topic", "driftwise.dlq", "output: DeadLetter (bad input records and why)"),
            new Flag("group-id", "driftwise-train", "Kafka consumer group id (offsets live in Flink checkpoints; commits are informational)"),
            new Flag("mode", "per-stream", "per-stream (one learner per stream id) or global (one learner for all)"),
            new Flag("model", "linear:20", "model: a learner JSON spec or linear:<d>, logistic:<d>, softmax:<d>:<classes>,"
                    + " mlp:<d>-<hidden>-...-<outputs>, passthrough:<d>"),
            new Flag("optimizer", "default", "optimizer spec: default (chosen from the model), default(<overrides>), "
                    + "adam(lr=...), sgd(lr=...), idbd(theta=...), autostep, sgd-hd, adam-hd, paper-adamw-lion, "
                    + "metaoptimize(base=..., meta=..., blocks=..., alpha0=..., ...); snapshots record the concrete spec"),
            new Flag("micro-batch", "32", "samples per learning step (a batch closes on this count per stream)"),
            new Flag("device", "auto", "cpu, gpu or auto"),
            new Flag("engine", "auto", "jvm (plain Java arrays, small models), torch (libtorch) or auto (torch on a GPU, "
                    + "else jvm up to 200,000 weights)"),
            new Flag("snapshot-every", "100", "publish a ModelSnapshot every N steps (and at the end of a bounded input)"),
            new Flag("stepsizes-every", "10", "publish a StepSizeSnapshot every M steps"),
            new Flag("metrics-every", "1000", "publish PrequentialMetrics every K samples (checked when a batch closes)"),
            new Flag("metrics-window", "1000", "sliding-window length in samples for windowLoss"),
            new Flag("fading-factor", "0.999", "fading factor in (0, 1] for fadingLoss"),
            new Flag("checkpoint-interval", "10s", "Flink checkpoint interval: outputs become visible to read_committed readers at checkpoints"),
            new Flag("parallelism", "1", "Flink parallelism of the job"),
            new Flag("create-topics", "false", "create missing topics (models compacted) before starting"),
            new Flag("topic-partitions", "1", "partitions of topics the job creates"),
            new Flag("bounded", "false", "stop at the input's latest offsets at start (tests, backfills); publishes final snapshots"),
            new Flag("max-message-bytes", "1000000", "largest output record; bigger model snapshots are split into ordered chunks"),
            new Flag("transaction-timeout", "60s", "Kafka transaction.timeout.ms of the exactly-once sinks; must not exceed the broker's transaction.max.timeout.ms"),
            new Flag("transactional-id-prefix", "driftwise-train", "prefix of the sinks' transactional ids (unique per job on a cluster)"),
            new Flag("job-name", "driftwise online training", "Flink job name"));

    private FlagParser() {}

    static JobOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Flag f : FLAGS) {
            if (f.defaultValue() != null) {
                values.put(f.name(), f.defaultValue());
            }
        }
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new OptionException("argument '" + arg + "' is not a flag: flags read --key value (see --help)");
            }
            String key = arg.substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : null;
            if (key.startsWith("stream.")) {
                putOverride(overrides, key, value);
                continue;
            }
            Flag flag = find(key);
            if (flag == null) {
                throw new OptionException("unknown flag --" + key + "; known flags: " + names() + " and --stream.<id>.<model|optimizer|micro-batch|device|engine>");
            }
            if (value == null) {
                if (!"false".equals(flag.defaultValue())) {
                    throw new OptionException(key, null, "needs a value: " + flag.help());
                }
                value = "true";
            }
            values.put(key, value);
        }
        return new JobOptions(values, overrides);
    }

    private static void putOverride(Map<String, Map<String, String>> overrides, String key, String value) {
        int dot = key.lastIndexOf('.');
        String id = dot > "stream.".length() ? key.substring("stream.".length(), dot) : "";
        String setting = key.substring(dot + 1);
        if (id.isEmpty() || !List.of("model", "optimizer", "micro-batch", "device", "engine").contains(setting)) {
            throw new OptionException(key, value, "per-stream overrides read --stream.<id>.<model|optimizer|micro-batch|device|engine> <value>");
        }
        if (value == null) {
            throw new OptionException(key, null, "needs a value");
        }
        overrides.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(setting, value);
    }

    private static Flag find(String name) {
        for (Flag f : FLAGS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static String names() {
        StringBuilder b = new StringBuilder();
        for (Flag f : FLAGS) {
            b.append(b.length() == 0 ? "" : ", ").append("--").append(f.name());
        }
        return b.toString();
    }

    static String help() {
        StringBuilder b = new StringBuilder("driftwise train: the Flink online training job\n\nFlags (--key value):\n");
        for (Flag f : FLAGS) {
            b.append(String.format("  --%-24s %s%s%n", f.name(), f.help(),
                    f.defaultValue() == null ? "" : " [default: " + f.defaultValue() + "]"));
        }
        b.append(String.format("  --%-24s %s%n", "stream.<id>.<setting>",
                "per-stream override of model, optimizer, micro-batch or device, e.g. --stream.sensors.micro-batch 64"));
        b.append(String.format("  --%-24s %s%n", "help", "print this text"));
        return b.toString();
    }
}
