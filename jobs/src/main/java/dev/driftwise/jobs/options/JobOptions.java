package dev.driftwise.jobs.options;

import dev.driftwise.kafka.settings.KafkaSettings;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every setting of the online training job, validated once at start ({@link #parse(String...)}).
 * Flags follow Flink's {@code --key value} style and Kafka's names where there is one.
 */
public final class JobOptions implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Checkpoint interval when neither {@code --checkpoint-interval} nor the cluster sets one: the job needs checkpoints. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    public final String bootstrap;
    /** Every Kafka client setting (brokers, security); applied to the source, the sink and topic creation. */
    public final KafkaSettings kafka;
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
    /** {@code --checkpoint-interval}, or null: the cluster's interval, else {@link #DEFAULT_CHECKPOINT_INTERVAL}. */
    public final Duration checkpointInterval;
    /** {@code --parallelism}, or null: the cluster's ({@code flink run -p}, {@code parallelism.default}). */
    public final Integer parallelism;
    public final boolean createTopics;
    public final int topicPartitions;
    public final boolean bounded;
    public final int maxMessageBytes;
    public final Duration transactionTimeout;
    public final String transactionalIdPrefix;
    public final String jobName;
    private final Map<String, Map<String, String>> streamOverrides;

    private JobOptions(JobFlags f, KafkaSettings kafka) {
        this.kafka = kafka;
        bootstrap = kafka.bootstrapServers();
        samplesTopic = f.samplesTopic;
        modelsTopic = f.modelsTopic;
        stepSizesTopic = f.stepSizesTopic;
        metricsTopic = f.metricsTopic;
        dlqTopic = f.dlqTopic;
        groupId = f.groupId;
        mode = Mode.parse(f.mode);
        snapshotEvery = Flags.positiveInt("snapshot-every", f.snapshotEvery);
        stepSizesEvery = Flags.positiveInt("stepsizes-every", f.stepSizesEvery);
        metricsEvery = Flags.positiveInt("metrics-every", f.metricsEvery);
        metricsWindow = Flags.positiveInt("metrics-window", f.metricsWindow);
        fadingFactor = Flags.unitInterval("fading-factor", f.fadingFactor);
        defaults = new LearnerSettings(f.model, f.optimizer, Flags.positiveInt("micro-batch", f.microBatch), Flags.device("device", f.device),
                Flags.engine("engine", f.engine), metricsWindow, fadingFactor);
        checkpointInterval = f.checkpointInterval == null ? null : Flags.duration("checkpoint-interval", f.checkpointInterval);
        parallelism = f.parallelism == null ? null : Flags.positiveInt("parallelism", f.parallelism);
        createTopics = Flags.bool("create-topics", f.createTopics);
        topicPartitions = Flags.positiveInt("topic-partitions", f.topicPartitions);
        bounded = Flags.bool("bounded", f.bounded);
        maxMessageBytes = Flags.intAtLeast("max-message-bytes", f.maxMessageBytes, 4096);
        transactionTimeout = Flags.duration("transaction-timeout", f.transactionTimeout);
        transactionalIdPrefix = f.transactionalIdPrefix;
        jobName = f.jobName;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        f.streamOverrides.forEach((id, m) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        streamOverrides = Collections.unmodifiableMap(copy);
        for (String id : streamOverrides.keySet()) {
            settingsFor(id); // validate every override now, not at the stream's first sample
        }
    }

    /** Parses {@code --key value} flags; throws {@link OptionException} naming the bad flag. */
    public static JobOptions parse(String... args) {
        JobFlags flags = new JobFlags();
        CommandLine cli = JobFlags.commandLine(flags);
        JobFlags.addStreamOverrides(cli, args);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            String first = e.getUnmatched().get(0);
            throw new OptionException(first.startsWith("--") ? "unknown flag " + first + suggestion(e)
                    : "argument '" + first + "' is not a flag: flags read --key value");
        } catch (CommandLine.ParameterException e) {
            throw new OptionException(e.getMessage());
        }
        flags.readStreamOverrides(cli);
        KafkaSettings kafka;
        try {
            // warnings (settings no Kafka client defines) go to stderr: flink run and ./driftwise train both show it
            kafka = flags.kafka.settings(flags.bootstrap, null, new PrintWriter(System.err, true));
        } catch (KafkaSettingsException e) {
            throw new OptionException(e.getMessage());
        }
        return new JobOptions(flags, kafka);
    }

    private static String suggestion(CommandLine.UnmatchedArgumentException e) {
        return e.getSuggestions().isEmpty() ? "" : "; did you mean " + String.join(" or ", e.getSuggestions()) + "?";
    }

    /** The text {@code --help} prints. */
    public static String help() {
        StringWriter text = new StringWriter();
        JobFlags.commandLine(new JobFlags()).usage(new PrintWriter(text));
        return text.toString();
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

    /** Every setting; Kafka secrets shown as [hidden]. */
    @Override
    public String toString() {
        return "JobOptions{kafka={" + kafka + "}, topics=[" + samplesTopic + " -> " + modelsTopic + ", " + stepSizesTopic
                + ", " + metricsTopic + ", " + dlqTopic + "], mode=" + mode.flagValue() + ", defaults=" + defaults
                + ", snapshotEvery=" + snapshotEvery + ", stepSizesEvery=" + stepSizesEvery + ", metricsEvery=" + metricsEvery
                + ", checkpointInterval=" + (checkpointInterval == null ? "the cluster's" : checkpointInterval)
                + ", parallelism=" + (parallelism == null ? "the cluster's" : parallelism) + ", overrides=" + streamOverrides + "}";
    }
}
