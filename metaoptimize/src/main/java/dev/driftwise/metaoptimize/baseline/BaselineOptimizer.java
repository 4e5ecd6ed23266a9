package dev.driftwise.metaoptimize.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.driftwise.metaoptimize.GradModeOff;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.StepContext;
import dev.driftwise.metaoptimize.StepReport;
import dev.driftwise.metaoptimize.state.StateReader;
import dev.driftwise.metaoptimize.state.StateWriter;
import java.util.Objects;

/**
 * The step protocol shared by the classic baselines: layout checks, grad mode off around the
 * in-place update (any thread), one {@link NDScope} per step, a finite check before anything is
 * committed, step/skip counters, and state kept on a sub-manager of the parameters' manager.
 *
 * <p>A subclass {@linkplain #propose proposes} an update built only from temporaries, whose
 * {@linkplain Proposal#finiteCheck() finite check} is read on the host; only a finite proposal is
 * {@linkplain Proposal#commit() committed}, so a skipped step changes nothing.
 *
 * <p>State tensors live in a "generation" sub-manager, replaced as a whole on restore. Before the
 * first step the optimizer has no parameters to learn the device from; a restore then lands on a
 * private CPU manager and moves to the parameters' manager on the first step.
 */
abstract class BaselineOptimizer implements OnlineOptimizer {

    private static final int STATE_FORMAT_VERSION = 1;

    /** An update computed into temporaries; nothing observable has changed yet. */
    interface Proposal {
        /** A value that is NaN or infinite when the update must not be applied. */
        double finiteCheck();

        /** Applies the update to the parameters and the optimizer's state. */
        void commit();
    }

    protected final ParameterLayout layout;
    private NDManager home;
    private boolean homeIsPrivate;
    private NDManager generation;
    private long steps;
    private long skipped;

    protected BaselineOptimizer(ParameterLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** Allocates fresh state tensors in {@code manager}, shaped after {@code parameters}. */
    protected abstract void initState(NDManager manager, NDList parameters);

    /**
     * Creates the float64 0-d constants used in this optimizer's array–array ops, on the manager that
     * holds its state (an op with a Java scalar converts the scalar to a tensor on every call, which
     * costs more than the op itself on small tensors).
     */
    protected void createConstants(NDManager manager) {}

    protected static NDArray constant(NDManager manager, double value) {
        NDArray c = manager.create(value);
        NDScope.unregister(c);
        return c;
    }

    /** Whether state tensors exist (after the first step or a restore). */
    protected final boolean hasState() {
        return generation != null;
    }

    /** Every state tensor, so they can be kept out of callers' NDScopes. */
    protected abstract NDList stateArrays();

    /** Computes this step's update from temporaries only; called inside an NDScope, grad mode off. */
    protected abstract Proposal propose(NDList parameters, NDList gradients, StepContext context);

    /** Writes scalars and tensors after the common header. Called only when {@link #hasState()}. */
    protected abstract void writeState(StateWriter out);

    /**
     * Reads what {@link #writeState} wrote into {@code manager}; must call
     * {@link StateReader#expectEnd()} before replacing any field, so a failed read changes nothing.
     */
    protected abstract void readState(StateReader in, NDManager manager);

    /** Forgets the state tensors (their manager is being closed). */
    protected abstract void dropState();

    /** A string naming configuration and layout; a restore must match it. */
    private String fingerprint() {
        return spec() + " layout=" + layout;
    }

    private String kind() {
        return spec().name();
    }

    @Override
    public final ParameterLayout layout() {
        return layout;
    }

    @Override
    public final StepReport step(NDList parameters, NDList gradients, StepContext context) {
        layout.check(parameters, "parameters");
        layout.check(gradients, "gradients");
        Objects.requireNonNull(context, "context (use StepContext.none())");
        GradModeOff gradMode = GradModeOff.on(parameters.get(0));
        try {
            ensureStateOn(parameters);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Proposal proposal = propose(parameters, gradients, context);
                double check = proposal.finiteCheck();
                if (!Double.isFinite(check)) {
                    skipped++;
                    return StepReport.skipped(steps, NonFiniteInputs.describe(layout, gradients, context));
                }
                proposal.commit();
            }
            steps++;
            return StepReport.applied(steps);
        } finally {
            gradMode.close();
        }
    }

    private void ensureStateOn(NDList parameters) {
        if (home != null && !homeIsPrivate) {
            return;
        }
        byte[] restored = homeIsPrivate ? saveState() : null;
        if (home != null) {
            home.close();
            dropState();
            generation = null;
        }
        home = parameters.get(0).getManager().newSubManager();
        homeIsPrivate = false;
        createConstants(home);
        if (restored != null) {
            restoreState(restored);
        } else {
            generation = home.newSubManager();
            initState(generation, parameters);
            NDScope.unregister(stateArrays());
        }
    }

    /**
     * The per-weight diagonal Hessian that IDBD-style methods need in place of x²; fails with a
     * message saying how to supply it.
     */
    protected final NDList requireDiagonalHessian(StepContext context) {
        NDList diagonal = context.diagonalHessian();
        if (diagonal == null) {
            throw new IllegalArgumentException(spec().name() + " needs the diagonal of the Hessian in the step context "
                    + "(for squared loss ½(y − w·x)² on a linear model it is x² per weight): call "
                    + "step(parameters, gradients, StepContext.withDiagonalHessian(diagonal)) with tensors shaped like the parameters");
        }
        layout.check(diagonal, "diagonal Hessian");
        return diagonal;
    }

    @Override
    public final long stepCount() {
        return steps;
    }

    @Override
    public final long skippedSteps() {
        return skipped;
    }

    @Override
    public final byte[] saveState() {
        StateWriter out = new StateWriter(kind(), STATE_FORMAT_VERSION, fingerprint());
        out.writeLong(steps).writeLong(skipped).writeBoolean(hasState());
        if (hasState()) {
            writeState(out);
        }
        return out.toByteArray();
    }

    @Override
    public final void restoreState(byte[] state) {
        StateReader in = new StateReader(state, kind(), STATE_FORMAT_VERSION, fingerprint());
        long restoredSteps = in.readLong();
        long restoredSkipped = in.readLong();
        boolean withTensors = in.readBoolean();
        if (!withTensors) {
            in.expectEnd();
            closeState();
        } else {
            boolean homeCreatedHere = home == null;
            if (homeCreatedHere) {
                home = NDManager.newBaseManager();
                homeIsPrivate = true;
                createConstants(home);
            }
            NDManager next = home.newSubManager();
            try {
                readState(in, next);
            } catch (RuntimeException e) {
                next.close();
                if (homeCreatedHere) {
                    closeState(); // back to "never stepped", as before the call
                }
                throw e;
            }
            NDScope.unregister(stateArrays());
            if (generation != null) {
                generation.close();
            }
            generation = next;
        }
        steps = restoredSteps;
        skipped = restoredSkipped;
    }

    private void closeState() {
        if (home != null) {
            home.close();
        }
        home = null;
        homeIsPrivate = false;
        generation = null;
        dropState();
    }

    @Override
    public void close() {
        closeState();
    }
}
