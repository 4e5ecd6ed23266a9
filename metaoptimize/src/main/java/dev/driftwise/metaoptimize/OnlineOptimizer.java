package dev.driftwise.metaoptimize;

import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.tensor.Engine;
import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;

/**
 * An optimizer that updates a flat parameter vector in place, one step per (micro-)batch, and may
 * adapt its own step sizes while doing so. MetaOptimize and the classic baselines (IDBD and
 * hypergradient descent as its presets, Autostep and multiplicative HD as classes) all sit behind
 * this interface, so a learner, a benchmark or a Flink operator can swap one for another.
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>{@code parameters} and {@code gradients} are flat vectors of {@link #layout()} on
 *       {@link #engine()}, in the dtype the optimizer was built for; parameters are updated in place.</li>
 *   <li>Step-size state (β, meta moments, meta-gradients) is kept in double precision.</li>
 *   <li>An instance is not thread-safe, but two instances may step concurrently in two threads.</li>
 *   <li>{@link #saveState()} then {@link #restoreState(byte[])} into a fresh instance built with the
 *       same configuration and layout, on either engine, continues bit-identically on the CPU.</li>
 * </ul>
 */
public interface OnlineOptimizer extends AutoCloseable {

    /** The parameter tensors this optimizer was built for, in the order of the flat vector. */
    ParameterLayout layout();

    /** Where its state lives and its operations run. */
    Engine engine();

    /**
     * Applies one update. Returns what happened; a step may be skipped (never partially applied)
     * when a safeguard finds a non-finite gradient or update.
     */
    StepReport step(Vec parameters, Vec gradients, StepContext context);

    /** One update with no curvature information. */
    default StepReport step(Vec parameters, Vec gradients) {
        return step(parameters, gradients, StepContext.none());
    }

    /** Step sizes per block after the last step (before the first step: the initial ones). */
    List<BlockStepSize> stepSizes();

    /**
     * α per block after the last step (per-weight step sizes: the geometric mean per tensor), in the
     * order of {@link #stepSizes()}: the cheap read for a caller that tracks α every step.
     */
    double[] alphas();

    /**
     * The last meta-gradient z per block, in the order of {@link #stepSizes()} (summed over the
     * weights of a per-weight block); cheap, unlike {@link #stepSizes()}, which also reduces the traces.
     */
    double[] lastMetaGradients();

    /** Steps applied so far (skipped steps not counted). */
    long stepCount();

    /** Steps skipped by the non-finite safeguard so far. */
    long skippedSteps();

    /** The configuration it runs: its canonical text is the optimizer's provenance in every snapshot. */
    OptimizerConfig config();

    /** Everything needed to continue: moments, traces, β, meta state, counters. Versioned, engine-neutral. */
    byte[] saveState();

    /**
     * Replaces this instance's state with a saved one; on an error nothing has changed.
     *
     * @throws IllegalArgumentException when the bytes come from another format version, another
     *     optimizer configuration or another parameter layout (the message says which)
     */
    void restoreState(byte[] state);

    /** Releases the memory this optimizer holds on its engine. */
    @Override
    void close();
}
