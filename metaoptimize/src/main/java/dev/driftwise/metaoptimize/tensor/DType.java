package dev.driftwise.metaoptimize.tensor;

/** Element type of a {@link Vec}: parameters and their moments in either, step-size state always in FLOAT64. */
public enum DType {
    FLOAT32,
    FLOAT64
}
