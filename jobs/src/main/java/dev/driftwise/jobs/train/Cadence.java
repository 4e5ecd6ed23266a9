package dev.driftwise.jobs.train;

import dev.driftwise.jobs.options.JobOptions;
import java.io.Serializable;

/**
 * When a trainer publishes: a model snapshot every {@code snapshotEvery} steps, step sizes every
 * {@code stepSizesEvery} steps, prequential metrics once {@code metricsEvery} samples have passed
 * since the last ones (checked when a micro-batch closes, so a replay publishes at the same samples).
 */
public record Cadence(int snapshotEvery, int stepSizesEvery, int metricsEvery, int metricsWindow, double fadingFactor,
                      String sourceTopic) implements Serializable {

    public static Cadence of(JobOptions o) {
        return new Cadence(o.snapshotEvery, o.stepSizesEvery, o.metricsEvery, o.metricsWindow, o.fadingFactor, o.samplesTopic);
    }
}
