package dev.driftwise.jobs.options;

import java.io.Serializable;

/**
 * What one stream's learner is built from: the job-wide flags with the stream's overrides applied.
 *
 * @param model model, e.g. {@code linear:20}, {@code softmax:20:3} or a learner JSON spec
 * @param optimizer optimizer spec, e.g. {@code default}, {@code adam(lr=0.001)} or {@code idbd(theta=0.01)}
 * @param microBatch samples per learning step; a batch closes on this count, so a replay cuts the same batches
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param engine {@code jvm}, {@code torch} or {@code auto}
 * @param metricsWindow samples in the learner's windowed prequential metrics
 * @param fadingFactor the fading factor of its faded metrics
 */
public record LearnerSettings(String model, String optimizer, int microBatch, String device, String engine,
                              int metricsWindow, double fadingFactor) implements Serializable {}
