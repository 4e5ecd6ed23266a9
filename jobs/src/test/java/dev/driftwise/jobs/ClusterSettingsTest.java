package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * What the cluster configures stays the cluster's unless a flag says otherwise. The job graph is built the
 * way {@code flink run} builds it (the environment carries the cluster's configuration and {@code -p}), without
 * running it: every vertex's parallelism, the checkpoint interval and what the graph says about restarts and
 * checkpoint storage.
 */
class ClusterSettingsTest {

    private static JobGraph graph(Configuration cluster, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap", "127.0.0.1:1", "--model", "linear:3"));
        args.addAll(List.of(flags));
        StreamExecutionEnvironment env = OnlineTrainingJob.environment(JobOptions.parse(args.toArray(String[]::new)), new Learners(), cluster);
        return env.getStreamGraph().getJobGraph();
    }

    private static Map<String, Integer> parallelism(JobGraph g) {
        Map<String, Integer> p = new TreeMap<>();
        for (JobVertex v : g.getVertices()) {
            p.put(v.getName(), v.getParallelism());
        }
        return p;
    }

    @Test
    void withoutTheFlagEveryVertexRunsAtTheClustersParallelism() throws Exception {
        Configuration cluster = new Configuration();
        cluster.setString("parallelism.default", "2");
        Map<String, Integer> p = parallelism(graph(cluster));
        assertTrue(p.size() >= 2, "vertices: " + p);
        assertTrue(p.values().stream().allMatch(n -> n == 2), "parallelism.default=2 and no --parallelism: every vertex at 2, got " + p);
    }

    @Test
    void theFlagOverridesTheClustersParallelism() throws Exception {
        Configuration cluster = new Configuration();
        cluster.setString("parallelism.default", "2");
        Map<String, Integer> p = parallelism(graph(cluster, "--parallelism", "3"));
        assertTrue(p.values().stream().allMatch(n -> n == 3), "--parallelism 3 over parallelism.default=2: every vertex at 3, got " + p);
    }

    @Test
    void theCheckpointIntervalIsTheFlagsElseTheClustersElseTenSeconds() throws Exception {
        Configuration cluster = new Configuration();
        cluster.setString("execution.checkpointing.interval", "7 s");
        assertEquals(7000, interval(graph(cluster)), "the cluster's interval");
        assertEquals(2000, interval(graph(cluster, "--checkpoint-interval", "2s")), "the flag's interval");
        assertEquals(10_000, interval(graph(new Configuration())), "no interval anywhere: the job's 10 s");
    }

    @Test
    void theRestartStrategyAndCheckpointStorageAreLeftToTheCluster() throws Exception {
        Configuration cluster = new Configuration();
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 7);
        cluster.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/cluster-checkpoints");
        JobGraph g = graph(cluster);
        Configuration job = g.getJobConfiguration();
        assertEquals("fixed-delay", job.get(RestartStrategyOptions.RESTART_STRATEGY), "restart strategy in " + job);
        assertEquals(7, job.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS), "restart attempts in " + job);
        assertEquals("file:///tmp/cluster-checkpoints", job.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY), "checkpoint directory in " + job);
        assertNull(g.getCheckpointingSettings().getDefaultCheckpointStorage(), "the job must not set a checkpoint storage of its own");

        JobGraph plain = graph(new Configuration());
        assertNull(plain.getJobConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY),
                "with nothing configured the job adds no restart strategy: Flink's (or the cluster's) default applies");
        assertNull(plain.getCheckpointingSettings().getDefaultCheckpointStorage());
    }

    private static long interval(JobGraph g) {
        return g.getCheckpointingSettings().getCheckpointCoordinatorConfiguration().getCheckpointInterval();
    }
}
