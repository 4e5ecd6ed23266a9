package dev.driftwise.metaoptimize.blocks;

import java.util.List;

/**
 * A granularity resolved against a layout: the block of every tensor. For per-weight step sizes
 * each tensor is its own "block" whose β has the tensor's shape.
 *
 * @param kind the granularity
 * @param names block names in order (tensor names for per-tensor and per-weight)
 * @param blockOf block index of each tensor, in layout order
 */
public record BlockAssignment(StepSizeBlocks.Kind kind, List<String> names, int[] blockOf) {

    public int blockCount() {
        return names.size();
    }

    public boolean perWeight() {
        return kind == StepSizeBlocks.Kind.PER_WEIGHT;
    }
}
