package dev.driftwise.jobs.options;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of the online training job, validated once at start ({@link #parse(String...)}).
 * Flags follow Flink's {@code --key value} style and Kafka's names where there is one.
 */
public final class JobOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public final String bootstrap;
    public final String samplesTopic;
    public final String modelsTopic;
    public final String stepSizesTopic;
    public final String metricsTopic;
    public final String dlqTopic;
    public final String groupId;
    public final Mode mode;
    public final LearnerSettings defaults;
    public final int snapshotEvery;
    public final int stepSizesEvery;
    public final int metricsEvery;
    public final int metricsWindow;
    public final double fadingFactor;
    public final Duration checkpointInterval;
    public final int parallelism;
    public final boolean createTopics;
    public final int topicPartitions;
    public final boolean bounded;
    public final int maxMessageBytes;
    public final Duration transactionTimeout;
    public final String transactionalIdPrefix;
    public final String jobName;
    private final Map<String, Map<String, String>> streamOverrides;

    JobOptions(Map<String, String> v, Map<String, Map<String, String>> overrides) {
        bootstrap = v.get("bootstrap");
        samplesTopic = v.get("samples-topic");
        modelsTopic = v.get("models-topic");
        stepSizesTopic = v.get("stepsizes-topic");
        metricsTopic = v.get("metrics-topic");
        dlqTopic = v.get("dlq-topic");
        groupId = v.get("group-id");
        mode = Mode.parse(v.get("mode"));
        snapshotEvery = Flags.positiveInt("snapshot-every", v.get("snapshot-every"));
        stepSizesEvery = Flags.positiveInt("stepsizes-every", v.get("stepsizes-every"));
        metricsEvery = Flags.positiveInt("metrics-every", v.get("metrics-every"));
        metricsWindow = Flags.positiveInt("metrics-window", v.get("metrics-window"));
        fadingFactor = Flags.unitInterval("fading-factor", v.get("fading-factor"));
        defaults = new LearnerSettings(v.get("model"), v.get("optimizer"),
                Flags.positiveInt("micro-batch", v.get("micro-batch")), Flags.device("device", v.get("device")),
                Flags.engine("engine", v.get("engine")), metricsWindow, fadingFactor);
        checkpointInterval = Flags.duration("checkpoint-interval", v.get("checkpoint-interval"));
        parallelism = Flags.positiveInt("parallelism", v.get("parallelism"));
        createTopics = Flags.bool("create-topics", v.get("create-topics"));
        topicPartitions = Flags.positiveInt("topic-partitions", v.get("topic-partitions"));
        bounded = Flags.bool("bounded", v.get("bounded"));
        maxMessageBytes = Flags.intAtLeast("max-message-bytes", v.get("max-message-bytes"), 4096);
        transactionTimeout = Flags.duration("transaction-timeout", v.get("transaction-timeout"));
        transactionalIdPrefix = v.get("transactional-id-prefix");
        jobName = v.get("job-name");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        overrides.forEach((id, m) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        streamOverrides = Collections.unmodifiableMap(copy);
        for (String id : streamOverrides.keySet()) {
            settingsFor(id); // validate every override now, not at the stream's first sample
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new OptionException("bootstrap", bootstrap, "required: the Kafka bootstrap servers, e.g. localhost:9092");
        }
    }

    /** Parses {@code --key value} flags; throws {@link OptionException} naming the bad flag. */
    public static JobOptions parse(String... args) {
        return FlagParser.parse(args);
    }

    /** The text {@code --help} prints. */
    public static String help() {
        return FlagParser.help();
    }

    /** The learner settings for one learner key: the defaults with {@code --stream.<id>.*} overrides. */
    public LearnerSettings settingsFor(String learnerKey) {
        Map<String, String> o = streamOverrides.get(learnerKey);
        if (o == null) {
            return defaults;
        }
        String prefix = "stream." + learnerKey + ".";
        return new LearnerSettings(
                o.getOrDefault("model", defaults.model()),
                o.getOrDefault("optimizer", defaults.optimizer()),
                o.containsKey("micro-batch") ? Flags.positiveInt(prefix + "micro-batch", o.get("micro-batch")) : defaults.microBatch(),
                o.containsKey("device") ? Flags.device(prefix + "device", o.get("device")) : defaults.device(),
                o.containsKey("engine") ? Flags.engine(prefix + "engine", o.get("engine")) : defaults.engine(),
                metricsWindow, fadingFactor);
    }

    /** Stream ids that have overrides. */
    public Map<String, Map<String, String>> streamOverrides() {
        return streamOverrides;
    }

    /** Learner key of a sample's stream: the stream id, or one constant key in global mode. */
    public String learnerKeyOf(String streamId) {
        return mode == Mode.GLOBAL ? Mode.GLOBAL_KEY : streamId;
    }

    @Override
    public String toString() {
        return "JobOptions{bootstrap=" + bootstrap + ", topics=[" + samplesTopic + " -> " + modelsTopic + ", " + stepSizesTopic
                + ", " + metricsTopic + ", " + dlqTopic + "], mode=" + mode.flagValue() + ", defaults=" + defaults
                + ", snapshotEvery=" + snapshotEvery + ", stepSizesEvery=" + stepSizesEvery + ", metricsEvery=" + metricsEvery
                + ", checkpointInterval=" + checkpointInterval + ", parallelism=" + parallelism + ", overrides=" + streamOverrides + "}";
    }
}
