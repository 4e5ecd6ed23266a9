package dev.driftwise.metaoptimize;

import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * An optimizer that updates a fixed, ordered set of parameter tensors in place, one step per
 * (micro-)batch, and may adapt its own step sizes while doing so. MetaOptimize and the classic
 * baselines (IDBD, Autostep, hypergradient descent) all sit behind this interface, so a learner,
 * a benchmark or a Flink operator can swap one for another.
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>{@code parameters} and {@code gradients} are aligned with {@link #layout()}: same count,
 *       order and shapes; parameters are updated in place on their own device, no host copies.</li>
 *   <li>Step-size state (β, meta moments, meta-gradients) is kept in double precision.</li>
 *   <li>An instance is not thread-safe, but two instances may step concurrently in two threads.</li>
 *   <li>{@link #saveState()} then {@link #restoreState(byte[])} into a fresh instance built with the
 *       same configuration and layout continues bit-identically (CPU).</li>
 * </ul>
 */
public interface OnlineOptimizer extends AutoCloseable {

    /** The parameter tensors this optimizer was built for, in step order. */
    ParameterLayout layout();

    /**
     * Applies one update. Returns what happened; a step may be skipped (never partially applied)
     * when a safeguard finds a non-finite gradient or update.
     */
    StepReport step(NDList parameters, NDList gradients, StepContext context);

    /** One update with no curvature information. */
    default StepReport step(NDList parameters, NDList gradients) {
        return step(parameters, gradients, StepContext.none());
    }

    /** Step sizes per block after the last step (before the first step: the initial ones). */
    List<BlockStepSize> stepSizes();

    /**
     * The last meta-gradient z per block, in the order of {@link #stepSizes()} (summed over the
     * weights of a per-weight block). Cheaper than {@link #stepSizes()}, which also reduces the trace
     * norms: a caller that tracks z every step (e.g. for meta-gradient statistics) should use this.
     */
    default double[] lastMetaGradients() {
        return stepSizes().stream().mapToDouble(BlockStepSize::metaGradient).toArray();
    }

    /** Steps applied so far (skipped steps not counted). */
    long stepCount();

    /** Steps skipped by the non-finite safeguard so far. */
    long skippedSteps();

    /** Name and hyper-parameters: what a snapshot records as the optimizer's provenance. */
    OptimizerSpec spec();

    /** Everything needed to continue: moments, traces, β, meta state, counters. Versioned format. */
    byte[] saveState();

    /**
     * Replaces this instance's state with a saved one.
     *
     * @throws IllegalArgumentException when the bytes come from another format version, another
     *     optimizer configuration or another parameter layout (the message says which)
     */
    void restoreState(byte[] state);

    /** Releases the native memory this optimizer holds. */
    @Override
    void close();
}
