package dev.driftwise.jobs.learn;

/** A host copy of one parameter tensor, as a model snapshot publishes it (row-major float32). */
public record ParameterTensor(String name, long[] shape, float[] data) {}
