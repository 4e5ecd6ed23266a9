package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.stats.RobustWidth;
import java.util.List;

/**
 * One adaptive method's sensitivity curve: its primary score at every value of α0 or of its meta
 * step size, and the robust width of that curve.
 *
 * @param method the method as named
 * @param parameter "alpha0" or "metaStep"
 * @param values the swept values, increasing
 * @param points one configuration result per value
 * @param width decades within 10 % of the curve's best
 */
public record SweepResult(BenchMethod method, String parameter, double[] values, List<ConfigResult> points, RobustWidth width) {}
