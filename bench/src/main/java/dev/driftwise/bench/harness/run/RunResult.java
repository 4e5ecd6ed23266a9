package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import java.util.List;
import java.util.Map;

/**
 * One method configuration on one run's stream.
 *
 * @param method the configuration (a single grid point for fixed steps)
 * @param run run index r (0-based)
 * @param seed the stream seed of run r
 * @param samples samples learned from (fewer than asked when the run diverged)
 * @param scores the task's scalar scores; NaN when the run diverged
 * @param series the task's per-run series
 * @param divergedAt sample index of the first non-finite loss, or -1
 * @param streamDigest fingerprint of the samples seen (equal for all methods of one run)
 * @param path step sizes along the run (the last point is the final one)
 * @param seconds wall time of the run
 */
public record RunResult(BenchMethod method, String optimizer, Map<String, String> optimizerSettings, int run, long seed,
                        long samples, Map<String, Double> scores, Map<String, double[]> series, long divergedAt,
                        long streamDigest, List<PathPoint> path, double seconds) {

    public boolean diverged() {
        return divergedAt >= 0;
    }

    /** The last recorded step sizes, or null when none were recorded. */
    public PathPoint finalStepSizes() {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }
}
