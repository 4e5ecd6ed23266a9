package dev.driftwise.jobs.testing;

import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.LearnerFactory;
import dev.driftwise.jobs.options.JobOptions;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;

/** Runs the job in a local Flink (MiniCluster) that fails fast instead of restarting forever (stack notes §9.5). */
public final class LocalFlink {

    private LocalFlink() {}

    public static Configuration config(int restartAttempts) {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1"); // as a cluster would; tests that need more say --parallelism
        conf.setString("restart-strategy.type", restartAttempts == 0 ? "none" : "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", Integer.toString(restartAttempts));
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        conf.setString("taskmanager.memory.network.fraction", "0.05");
        return conf;
    }

    public static JobExecutionResult run(JobOptions options, LearnerFactory factory, int restartAttempts) throws Exception {
        return OnlineTrainingJob.run(options, factory, config(restartAttempts));
    }

    /**
     * Like {@link #run} with unaligned checkpoints: a barrier overtakes the records buffered in front of a
     * slow learner, so checkpoints complete while the whole input sits in network buffers.
     */
    public static JobExecutionResult runUnaligned(JobOptions options, LearnerFactory factory, int restartAttempts)
            throws Exception {
        Configuration conf = config(restartAttempts);
        conf.setString("execution.checkpointing.unaligned.enabled", "true");
        return OnlineTrainingJob.run(options, factory, conf);
    }
}
