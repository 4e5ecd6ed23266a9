package dev.driftwise.metaoptimize.blocks;

import dev.driftwise.metaoptimize.tensor.Vec;
import java.util.List;

/**
 * Views of one flat vector cut into the runs of a block assignment, made once per vector: a caller
 * that hands the same buffer every step (the learner does) pays for the views once, not per step.
 */
public final class RunViews {

    private final List<BlockAssignment.Run> runs;
    private Vec whole;
    private Vec[] views;

    public RunViews(List<BlockAssignment.Run> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The run views of {@code vector} (the vector itself when there is one run covering it). */
    public Vec[] of(Vec vector) {
        if (vector != whole) {
            Vec[] v = new Vec[runs.size()];
            for (int r = 0; r < v.length; r++) {
                BlockAssignment.Run run = runs.get(r);
                v[r] = run.offset() == 0 && run.length() == vector.length() ? vector : vector.slice(run.offset(), run.length());
            }
            views = v;
            whole = vector;
        }
        return views;
    }
}
