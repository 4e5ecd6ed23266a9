package dev.driftwise.learner;

import dev.driftwise.learner.metrics.MetricsSummary;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.List;

/** A learner's progress and its optimizer's state, read by whoever reports on it (the job's outputs, the bench). */
public interface LearnerStatus {

    /** Micro-batches learned from. */
    long steps();

    /** Samples learned from. */
    long samplesSeen();

    /** The prequential metrics of every sample learned from so far (scored before learning). */
    MetricsSummary metrics();

    /** The optimizer's canonical spec (what a snapshot records and {@code OptimizerSpec.parse} rebuilds). */
    String optimizer();

    /** The optimizer's settings by key, in canonical order (a snapshot's hyper-parameters). */
    java.util.Map<String, String> optimizerSettings();

    /** Step sizes per block: a full report (it reduces the traces; read it when publishing, not every step). */
    List<BlockStepSize> stepSizes();

    /** α per block after the last step: cheap. */
    double[] alphas();

    /** The last meta-gradient per block, in the order of {@link #stepSizes()}: cheap. */
    double[] lastMetaGradients();

    /** Optimizer steps skipped by a safeguard. */
    long skippedSteps();

    /** The parameters copied to the host, in layout order. */
    List<ParameterTensor> parameters();

    /**
     * The feature statistics predictions standardise with, when the model standardises (published with
     * each model snapshot, so a consumer predicts exactly as the learner); empty otherwise.
     */
    java.util.Optional<dev.driftwise.learner.input.FeatureStandardizer.Statistics> featureStatistics();

    /** The engine its equations run on: "jvm" or "torch", with the device. */
    String engine();
}
