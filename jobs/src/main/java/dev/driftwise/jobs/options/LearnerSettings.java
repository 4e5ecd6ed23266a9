package dev.driftwise.jobs.options;

import java.io.Serializable;

/**
 * What one stream's learner is built from: the job-wide flags with the stream's overrides applied.
 *
 * @param model model, e.g. {@code linear:20}, {@code softmax:20:3} or a learner JSON spec
 * @param optimizer optimizer configuration, e.g. {@code metaoptimize(base=adam,meta=lion)} or {@code sgd(lr=0.01)}
 * @param microBatch samples per learning step; a batch closes on this count, so a replay cuts the same batches
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 */
public record LearnerSettings(String model, String optimizer, int microBatch, String device) implements Serializable {}
