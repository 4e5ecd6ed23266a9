package dev.driftwise.metaoptimize.blocks;

import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Step-size granularity (spec §4.1): one α for everything, one per tensor (layerwise), one per
 * named block of tensors, or one per weight. Explicit blocks name their tensors by exact name, by
 * glob ({@code *} any run of characters, {@code ?} one character) or by regex ({@code regex:...});
 * together they must partition the layout.
 */
public final class StepSizeBlocks {

    /** What kind of granularity. */
    public enum Kind { SCALAR, PER_TENSOR, PER_LAYER, EXPLICIT, PER_WEIGHT }

    private final Kind kind;
    private final Map<String, List<String>> groups;

    private StepSizeBlocks(Kind kind, Map<String, List<String>> groups) {
        this.kind = kind;
        this.groups = groups;
    }

    public static StepSizeBlocks scalar() {
        return new StepSizeBlocks(Kind.SCALAR, Map.of());
    }

    public static StepSizeBlocks perTensor() {
        return new StepSizeBlocks(Kind.PER_TENSOR, Map.of());
    }

    /**
     * One α per layer: tensors whose names agree up to the last '.' share a block ({@code layer0.weight}
     * and {@code layer0.bias} form block {@code layer0}); a name without a '.' is a block of its own.
     */
    public static StepSizeBlocks perLayer() {
        return new StepSizeBlocks(Kind.PER_LAYER, Map.of());
    }

    public static StepSizeBlocks perWeight() {
        return new StepSizeBlocks(Kind.PER_WEIGHT, Map.of());
    }

    /**
     * Named blocks in a fixed order: block name → tensor names, globs or {@code regex:} patterns.
     */
    public static StepSizeBlocks explicit(Map<String, List<String>> blocks) {
        Objects.requireNonNull(blocks, "blocks");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blocks: no block given; name at least one block of tensors");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        blocks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new StepSizeBlocks(Kind.EXPLICIT, Collections.unmodifiableMap(copy));
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Resolves the blocks against a layout.
     *
     * @throws IllegalArgumentException naming the tensor and the blocks when the blocks do not
     *     partition the layout (a tensor in no block, or in two)
     */
    public BlockAssignment resolve(ParameterLayout layout) {
        int n = layout.count();
        int[] blockOf = new int[n];
        List<String> names = new ArrayList<>();
        switch (kind) {
            case SCALAR -> names.add("all");
            case PER_TENSOR, PER_WEIGHT -> {
                for (int p = 0; p < n; p++) {
                    blockOf[p] = p;
                    names.add(layout.get(p).name());
                }
            }
            case PER_LAYER -> {
                for (int p = 0; p < n; p++) {
                    String name = layout.get(p).name();
                    String layer = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                    int b = names.indexOf(layer);
                    if (b < 0) {
                        b = names.size();
                        names.add(layer);
                    }
                    blockOf[p] = b;
                }
            }
            case EXPLICIT -> {
                java.util.Arrays.fill(blockOf, -1);
                names.addAll(groups.keySet());
                for (int b = 0; b < names.size(); b++) {
                    for (String pattern : groups.get(names.get(b))) {
                        Pattern regex = toRegex(pattern);
                        for (int p = 0; p < n; p++) {
                            if (!regex.matcher(layout.get(p).name()).matches()) {
                                continue;
                            }
                            if (blockOf[p] >= 0 && blockOf[p] != b) {
                                throw new IllegalArgumentException("blocks: tensor '" + layout.get(p).name()
                                        + "' is in two blocks, '" + names.get(blockOf[p]) + "' and '" + names.get(b)
                                        + "'; blocks must partition the parameters, narrow one of the patterns");
                            }
                            blockOf[p] = b;
                        }
                    }
                }
                for (int p = 0; p < n; p++) {
                    if (blockOf[p] < 0) {
                        throw new IllegalArgumentException("blocks: tensor '" + layout.get(p).name()
                                + "' is in no block (blocks " + names + "); add it to one of them");
                    }
                }
                for (int b = 0; b < names.size(); b++) {
                    final int block = b;
                    if (java.util.Arrays.stream(blockOf).noneMatch(x -> x == block)) {
                        throw new IllegalArgumentException("blocks: block '" + names.get(b) + "' (patterns "
                                + groups.get(names.get(b)) + ") matches no tensor of " + layout.names());
                    }
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return new BlockAssignment(kind, List.copyOf(names), blockOf);
    }

    static Pattern toRegex(String pattern) {
        if (pattern.startsWith("regex:")) {
            return Pattern.compile(pattern.substring("regex:".length()));
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    /** Stable description for spec() and the state fingerprint. */
    @Override
    public String toString() {
        return switch (kind) {
            case SCALAR -> "scalar";
            case PER_TENSOR -> "per-tensor";
            case PER_LAYER -> "per-layer";
            case PER_WEIGHT -> "per-weight";
            case EXPLICIT -> explicitText();
        };
    }

    /** {@code (name:pattern+pattern;name:pattern)}: the spelling of explicit blocks in an optimizer spec. */
    private String explicitText() {
        StringBuilder sb = new StringBuilder("(");
        groups.forEach((name, patterns) -> sb.append(sb.length() > 1 ? ";" : "").append(name).append(':')
                .append(String.join("+", patterns)));
        return sb.append(')').toString();
    }

    /** The groups of explicit blocks: block name → patterns, in order (empty for the other kinds). */
    public Map<String, List<String>> groups() {
        return groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepSizeBlocks other && kind == other.kind && groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, groups);
    }
}
