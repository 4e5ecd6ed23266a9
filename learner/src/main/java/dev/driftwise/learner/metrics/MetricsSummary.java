package dev.driftwise.learner.metrics;

/**
 * Prequential metrics at one moment. Accuracies are NaN for regression; everything is NaN before
 * the first sample.
 *
 * @param samplesSeen samples learned from
 * @param steps optimizer steps taken (one per micro-batch)
 * @param nonFiniteLosses samples whose loss was NaN or infinite (left out of every average)
 * @param windowSamples samples in the window (up to its size)
 * @param windowLoss mean loss over the window
 * @param fadingLoss fading-factor loss
 * @param windowAccuracy fraction correct over the window
 * @param fadingAccuracy fading-factor accuracy
 */
public record MetricsSummary(long samplesSeen, long steps, long nonFiniteLosses, int windowSamples, double windowLoss, double fadingLoss,
                             double windowAccuracy, double fadingAccuracy) {}
