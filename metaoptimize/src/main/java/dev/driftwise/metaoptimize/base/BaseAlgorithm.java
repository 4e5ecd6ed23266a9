package dev.driftwise.metaoptimize.base;

/** The base optimizers MetaOptimize can adapt (spec §2). AdamW is ADAM with weight decay κ > 0. */
public enum BaseAlgorithm {
    SGD,
    SGDM,
    RMSPROP,
    ADAM,
    LION
}
