package dev.driftwise.schemas.snapshot;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.wire.TensorCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reassembles chunked {@link ModelSnapshot}s read from driftwise.models, for any number of streams.
 * Follows the rules on the schema: chunks of one snapshotId arrive in any order; a newer snapshot of a
 * stream replaces an incomplete older one; a snapshot not newer than the last one completed is ignored.
 * Not thread-safe: one per consumer thread.
 */
public final class ModelSnapshotAssembler {

    private final Map<String, Pending> pendingByStream = new HashMap<>();
    private final Map<String, Long> completedVersionByStream = new HashMap<>();

    /**
     * Adds one chunk; returns the whole snapshot (numbered 0 of 1, whole tensors) when this chunk
     * completes it, else empty.
     *
     * @throws IllegalArgumentException if the chunk contradicts the others of its snapshot
     */
    public Optional<ModelSnapshot> add(ModelSnapshot chunk) {
        String stream = chunk.getStreamId();
        Long completed = completedVersionByStream.get(stream);
        if (completed != null && chunk.getVersion() <= completed) {
            return Optional.empty(); // stale: compaction keeps old chunk keys around
        }
        if (chunk.getChunkCount() < 1 || chunk.getChunkIndex() < 0 || chunk.getChunkIndex() >= chunk.getChunkCount()) {
            throw new IllegalArgumentException("chunk " + chunk.getChunkIndex() + " of " + chunk.getChunkCount()
                    + " in snapshot " + chunk.getSnapshotId() + " is out of range; chunkIndex must be in [0, chunkCount)");
        }
        Pending pending = pendingByStream.get(stream);
        if (pending == null || !pending.snapshotId.equals(chunk.getSnapshotId())) {
            if (pending != null && chunk.getVersion() < pending.version) {
                return Optional.empty(); // an older snapshot's leftover chunk
            }
            pending = new Pending(chunk.getSnapshotId(), chunk.getVersion(), chunk.getChunkCount());
            pendingByStream.put(stream, pending);
        }
        if (!pending.accept(chunk)) {
            return Optional.empty();
        }
        pendingByStream.remove(stream);
        completedVersionByStream.put(stream, chunk.getVersion());
        return Optional.of(pending.assemble());
    }

    /** Snapshots started but not complete, for staleness reporting. */
    public int pendingCount() {
        return pendingByStream.size();
    }

    private static final class Pending {
        final String snapshotId;
        final long version;
        final ModelSnapshot[] chunks;
        int received;

        Pending(String snapshotId, long version, int chunkCount) {
            this.snapshotId = snapshotId;
            this.version = version;
            this.chunks = new ModelSnapshot[chunkCount];
        }

        /** True when every chunk is in. */
        boolean accept(ModelSnapshot chunk) {
            if (chunk.getChunkCount() != chunks.length || chunk.getVersion() != version) {
                throw new IllegalArgumentException("snapshot " + snapshotId + ": chunk " + chunk.getChunkIndex()
                        + " says version " + chunk.getVersion() + ", " + chunk.getChunkCount() + " chunks; earlier chunks"
                        + " said version " + version + ", " + chunks.length + " chunks; the producer reused a snapshotId");
            }
            if (chunks[chunk.getChunkIndex()] == null) {
                received++;
            }
            chunks[chunk.getChunkIndex()] = chunk; // a redelivered chunk replaces its twin
            return received == chunks.length;
        }

        ModelSnapshot assemble() {
            Map<String, WholeTensor> tensors = new LinkedHashMap<>();
            for (ModelSnapshot chunk : chunks) {
                for (Tensor slice : chunk.getTensors()) {
                    tensors.computeIfAbsent(slice.getName(), n -> new WholeTensor(snapshotId, slice)).add(slice);
                }
            }
            List<Tensor> whole = new ArrayList<>(tensors.size());
            for (WholeTensor t : tensors.values()) {
                whole.add(t.build());
            }
            return ModelSnapshot.newBuilder(chunks[0]).setChunkIndex(0).setChunkCount(1).setTensors(whole).build();
        }
    }

    /** One tensor being filled from its slices. */
    private static final class WholeTensor {
        final String snapshotId;
        final Tensor first;
        final int width;
        final byte[] data;
        final List<long[]> ranges = new ArrayList<>(); // {elementOffset, elementCount}

        WholeTensor(String snapshotId, Tensor first) {
            this.snapshotId = snapshotId;
            this.first = first;
            this.width = TensorCodec.width(first.getDtype());
            long elements = 1;
            for (long dim : first.getShape()) {
                if (dim < 0 || (dim > 0 && elements > Integer.MAX_VALUE / width / dim)) {
                    throw new IllegalArgumentException("tensor " + first.getName() + " of " + snapshotId + " has shape "
                            + first.getShape() + ", which does not fit one Java array; publish it by reference instead");
                }
                elements *= dim;
            }
            this.data = new byte[(int) (elements * width)];
        }

        void add(Tensor slice) {
            if (!slice.getShape().equals(first.getShape()) || slice.getDtype() != first.getDtype()) {
                throw new IllegalArgumentException("tensor " + first.getName() + " of " + snapshotId + ": a slice says "
                        + slice.getDtype() + slice.getShape() + ", another " + first.getDtype() + first.getShape());
            }
            ByteBuffer bytes = slice.getData().duplicate();
            long offset = slice.getElementOffset();
            if (bytes.remaining() % width != 0 || offset < 0 || offset * width > data.length - bytes.remaining()) {
                throw new IllegalArgumentException("tensor " + first.getName() + " of " + snapshotId + ": slice at element "
                        + offset + " with " + bytes.remaining() + " bytes does not fit " + data.length / width
                        + " elements of " + width + " bytes");
            }
            bytes.get(data, (int) (offset * width), bytes.remaining());
            ranges.add(new long[] {offset, slice.getData().remaining() / width});
        }

        Tensor build() {
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
            long next = 0;
            for (long[] r : ranges) {
                if (r[0] != next) {
                    throw new IllegalArgumentException("tensor " + first.getName() + " of " + snapshotId + ": elements ["
                            + Math.min(next, r[0]) + ", " + Math.max(next, r[0]) + ") are " + (r[0] > next ? "missing"
                            : "sent twice") + "; slices must tile the tensor exactly");
                }
                next += r[1];
            }
            if (next != data.length / width) {
                throw new IllegalArgumentException("tensor " + first.getName() + " of " + snapshotId + ": slices cover "
                        + next + " of " + data.length / width + " elements");
            }
            return Tensor.newBuilder(first).setElementOffset(0).setData(ByteBuffer.wrap(data)).build();
        }
    }
}
