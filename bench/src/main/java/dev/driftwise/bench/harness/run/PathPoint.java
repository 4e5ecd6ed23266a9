package dev.driftwise.bench.harness.run;

import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;
import java.util.Map;

/**
 * Step sizes after {@code sample} samples: the optimizer's blocks (α, spread) and the median
 * effective step (−Δw/g) of each of the task's weight groups.
 */
public record PathPoint(long sample, List<BlockStepSize> blocks, Map<String, Double> groupSteps) {}
