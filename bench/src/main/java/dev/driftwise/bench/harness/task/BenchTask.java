package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.streams.SampleStream;
import java.util.List;

/** A learning task of benchmarks.md (or a user's CSV): its stream per run, its model, its score. */
public interface BenchTask {

    /** "T1", "T3", …, or "csv". */
    String id();

    /** One line saying what the task is. */
    String title();

    /** The model every method trains (a run may reseed its initialisation). */
    ModelSpec model();

    /** Stream length of the published protocol. */
    long protocolSamples();

    PrimaryScore primaryScore();

    /** A fresh stream for run seed {@code seed}: the same seed gives the same samples (common random numbers). */
    SampleStream open(long seed);

    /** A scorer for a run of {@code samples} samples (windows scale with shortened streams). */
    TaskScorer newScorer(long samples);

    /** Inputs whose step sizes are reported per group; may be empty. */
    List<WeightGroup> weightGroups();

    /**
     * The task for runs of {@code samples} samples. Tasks whose drift schedule is tied to the protocol
     * length (T6: drifts at 1/4, 1/2, 3/4 of the stream) scale it; the others are unchanged.
     */
    default BenchTask forSamples(long samples) {
        return this;
    }

    /** Whether runs with different seeds see different streams (false for a CSV file). */
    default boolean seedChangesStream() {
        return true;
    }
}
