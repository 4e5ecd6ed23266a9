package dev.driftwise.metaoptimize.blocks;

import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A granularity resolved against a layout: the block of every tensor. For per-weight step sizes
 * each tensor is its own "block" (for reporting) and every weight has its own β.
 *
 * @param kind the granularity
 * @param names block names in order (tensor names for per-tensor and per-weight)
 * @param blockOf block index of each tensor, in layout order
 */
public record BlockAssignment(StepSizeBlocks.Kind kind, List<String> names, int[] blockOf) {

    /** A stretch of the flat vector whose weights share one block: adjacent tensors of one block merge. */
    public record Run(int offset, int length, int block) {}

    public int blockCount() {
        return names.size();
    }

    public boolean perWeight() {
        return kind == StepSizeBlocks.Kind.PER_WEIGHT;
    }

    /** The runs of the flat layout, in order (one run for scalar step sizes). */
    public List<Run> runs(ParameterLayout layout) {
        List<Run> runs = new ArrayList<>();
        int p = 0;
        while (p < layout.count()) {
            int q = p;
            int length = 0;
            while (q < layout.count() && blockOf[q] == blockOf[p]) {
                length += layout.get(q).size();
                q++;
            }
            runs.add(new Run(layout.offset(p), length, blockOf[p]));
            p = q;
        }
        return runs;
    }
}
