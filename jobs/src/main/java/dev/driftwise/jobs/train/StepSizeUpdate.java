package dev.driftwise.jobs.train;

import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.metaoptimize.OptimizerSpec;
import java.util.List;

/**
 * Step sizes to publish, with each block's meta-gradient mean and standard deviation over the steps
 * since the previous step-size snapshot.
 */
public record StepSizeUpdate(String key, long version, long step, long samplesSeen, OptimizerSpec optimizer,
                             List<BlockStepSize> blocks, double[] metaGradientMean, double[] metaGradientStd) {}
