package dev.driftwise.metaoptimize.meta;

/** The meta optimizers acting on β (spec §3). */
public enum MetaAlgorithm {
    FIXED,
    SGD,
    RMSPROP,
    ADAM,
    LION
}
