package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.stats.Summary;
import java.util.List;

/**
 * A method as the user named it: one configuration, or for a fixed step size the whole grid with
 * the best point in hindsight (best mean primary score among points where no run diverged).
 *
 * @param method the method as named
 * @param points its configurations (one, or one per grid step size)
 * @param best the reported configuration (the best grid point for a grid); null if every point diverged
 * @param pairedToBestFixed paired difference of the primary score to the best fixed step, or null
 */
public record MethodResult(BenchMethod method, List<ConfigResult> points, ConfigResult best, Summary pairedToBestFixed) {

    static ConfigResult bestOf(List<ConfigResult> points, PrimaryScore primary) {
        ConfigResult best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (ConfigResult p : points) {
            double loss = primary.asLoss(p.score(primary.name()).mean());
            if (loss < bestLoss) {
                bestLoss = loss;
                best = p;
            }
        }
        return best;
    }

    MethodResult withPaired(Summary paired) {
        return new MethodResult(method, points, best, paired);
    }
}
