package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.Rejection;

/** Where a trainer's outputs go: the operator encodes them for Kafka, a unit test collects them. */
public interface TrainingEvents {

    void deadLetter(Rejection rejection);

    void model(ModelUpdate update);

    void stepSizes(StepSizeUpdate update);

    void metrics(MetricsUpdate update);

    /** One learning step took {@code nanos}; feeds the step-time metric. */
    default void stepTime(long nanos) {}
}
