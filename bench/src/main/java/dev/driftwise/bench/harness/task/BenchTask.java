package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.streams.SampleStream;
import java.util.List;

/** A learning task of benchmarks.md (or a user's CSV): its stream per run, its model, its score. */
public interface BenchTask {

    /** The methods compared when {@code --methods} is not given, for one-layer models. */
    String ONE_LAYER_METHODS = "default,sgd,adam,idbd,autostep,sgd-hd,"
            + "metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9),metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9)";
    /** ... and for MLPs, where IDBD and Autostep cannot run (they need the exact diagonal Hessian). */
    String MLP_METHODS = "default,sgd,adam,sgd-hd,adam-hd,metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9),"
            + "metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.9)";

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

    /**
     * A scorer for a run of {@code samples} samples (windows scale with shortened streams) on
     * {@code stream}, the run's stream from {@link #open} (T2 reads its ground truth σ_k there).
     */
    TaskScorer newScorer(long samples, SampleStream stream);

    /** The methods compared when {@code --methods} is not given. */
    default String defaultMethods() {
        return model().layerCount() == 1 ? ONE_LAYER_METHODS : MLP_METHODS;
    }

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
