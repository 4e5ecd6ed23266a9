package dev.driftwise.jobs.train;

/**
 * Prequential metrics to publish. Accuracies are null for regression, {@code conceptId} when the
 * samples carry no ground truth.
 */
public record MetricsUpdate(String key, long step, long samplesSeen, int windowSize, double windowLoss, double fadingFactor,
                            double fadingLoss, Double windowAccuracy, Double fadingAccuracy, double samplesPerSecond,
                            Integer conceptId, long deadLetters) {}
