package dev.driftwise.jobs.train;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.snapshot.ParameterTensor;
import java.util.List;
import java.util.Map;

/**
 * A model snapshot to publish.
 *
 * @param optimizer the optimizer's canonical spec; {@code optimizerSettings} its settings by key
 * @param nextOffsets per input partition, the next offset to consume: every record before it is in the model
 * @param featureStatistics what predictions standardise with, for a model that standardises; null otherwise
 * @param summary metrics at snapshot time (windowLoss, fadingLoss, windowAccuracy for classifiers,
 *     nonFiniteLosses: samples whose loss was NaN or infinite, left out of the averages)
 */
public record ModelUpdate(String key, long version, long step, long samplesSeen, String modelSpec, String optimizer,
                          Map<String, String> optimizerSettings, List<ParameterTensor> tensors,
                          FeatureStandardizer.Statistics featureStatistics, String sourceTopic, Map<Integer, Long> nextOffsets,
                          Map<String, Double> summary) {}
