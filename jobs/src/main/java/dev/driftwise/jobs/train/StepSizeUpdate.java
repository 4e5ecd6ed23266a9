package dev.driftwise.jobs.train;

import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;
import java.util.Map;

/**
 * Step sizes to publish, with each block's meta-gradient mean and standard deviation over the steps
 * since the previous step-size snapshot.
 */
public record StepSizeUpdate(String key, long version, long step, long samplesSeen, String optimizer,
                             Map<String, String> optimizerSettings,
                             List<BlockStepSize> blocks, double[] metaGradientMean, double[] metaGradientStd) {}
