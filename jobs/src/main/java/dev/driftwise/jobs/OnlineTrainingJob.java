package dev.driftwise.jobs;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.learn.LearnerFactory;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.options.OptionException;
import dev.driftwise.jobs.pipeline.JobClients;
import dev.driftwise.jobs.pipeline.TopicCreator;
import dev.driftwise.jobs.pipeline.TrainingPipeline;
import dev.driftwise.kafka.settings.KafkaSettingsException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The online training job: {@code flink run -c dev.driftwise.jobs.OnlineTrainingJob <jar> --bootstrap ...}
 * on a cluster, or {@code ./driftwise train --bootstrap ...} in a local Flink. What the cluster configures
 * stays the cluster's unless a flag says otherwise: parallelism ({@code -p}, {@code parallelism.default}),
 * the checkpoint interval, checkpoint storage and the restart strategy.
 */
public final class OnlineTrainingJob {

    private OnlineTrainingJob() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(JobOptions.help());
            return;
        }
        JobOptions options;
        try {
            options = JobOptions.parse(args);
            JobClients.check(options); // a Kafka setting that contradicts the job's fails here
            Learners.check(options.defaults); // a bad model or optimizer fails here, not in a task
            options.streamOverrides().keySet().forEach(id -> Learners.check(options.settingsFor(id)));
        } catch (OptionException | KafkaSettingsException e) {
            System.err.println("driftwise train: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        String problem = TopicCreator.problemWith(options);
        if (problem != null) {
            System.err.println("driftwise train: " + problem);
            System.exit(1);
            return;
        }
        run(options, new Learners(), new Configuration());
    }

    /** Builds and runs the job in the current environment (a cluster under {@code flink run}, else local). */
    public static JobExecutionResult run(JobOptions options, LearnerFactory factory, Configuration conf) throws Exception {
        return environment(options, factory, conf).execute(options.jobName);
    }

    /** Submits the job and returns at once; the client stops it (with a savepoint) or cancels it. */
    public static JobClient start(JobOptions options, LearnerFactory factory, Configuration conf) throws Exception {
        return environment(options, factory, conf).executeAsync(options.jobName);
    }

    static StreamExecutionEnvironment environment(JobOptions options, LearnerFactory factory, Configuration conf)
            throws Exception {
        if (options.createTopics) {
            List<String> created = TopicCreator.createMissing(options);
            if (!created.isEmpty()) {
                System.err.println("driftwise train: created topics " + created);
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (options.parallelism != null) {
            env.setParallelism(options.parallelism);
        }
        env.enableCheckpointing(checkpointInterval(options, env).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        TrainingPipeline.build(env, options, factory);
        return env;
    }

    /**
     * The flag's interval, else the cluster's, else {@link JobOptions#DEFAULT_CHECKPOINT_INTERVAL}: the job always
     * checkpoints (its outputs become visible at checkpoints), and always exactly once (the sink's guarantee needs it).
     */
    private static Duration checkpointInterval(JobOptions options, StreamExecutionEnvironment env) {
        if (options.checkpointInterval != null) {
            return options.checkpointInterval;
        }
        long cluster = env.getCheckpointInterval();
        return cluster > 0 ? Duration.ofMillis(cluster) : JobOptions.DEFAULT_CHECKPOINT_INTERVAL;
    }
}
