package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.task.BenchTask;
import java.util.List;

/**
 * Everything one bench produced.
 *
 * @param task the task
 * @param settings samples, micro-batch, path points
 * @param seeds the stream seed of each run (run r uses seeds[r] for every method)
 * @param methods one result per named method, in the order named
 * @param bestFixed the configuration the paired differences refer to, or null
 * @param sweeps sensitivity curves (empty without --sweep)
 * @param seconds wall time of the whole bench
 */
public record BenchResult(BenchTask task, RunSettings settings, long[] seeds, List<MethodResult> methods,
                          ConfigResult bestFixed, List<SweepResult> sweeps, double seconds) {}
