package dev.driftwise.schemas.snapshot;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.wire.TensorCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole {@link ModelSnapshot} into chunks whose tensor data stays under a byte budget, so a
 * snapshot larger than Kafka's {@code max.request.size} is published in pieces rather than dropped.
 * Layout as documented on the schema: every chunk repeats the metadata and carries tensor slices, in
 * parameter order, each slice a contiguous run of elements. {@link ModelSnapshotAssembler} undoes it.
 */
public final class ModelSnapshotChunker {

    private final int maxDataBytesPerChunk;

    /**
     * @param maxDataBytesPerChunk tensor bytes per chunk; leave headroom under the producer's
     *     {@code max.request.size} for metadata (a few KiB plus the model spec)
     */
    public ModelSnapshotChunker(int maxDataBytesPerChunk) {
        if (maxDataBytesPerChunk < Double.BYTES) {
            throw new IllegalArgumentException("maxDataBytesPerChunk = " + maxDataBytesPerChunk
                    + " cannot hold one element; use at least 8 (in practice ~900 KiB for Kafka's 1 MiB default)");
        }
        this.maxDataBytesPerChunk = maxDataBytesPerChunk;
    }

    /** One chunk (the snapshot itself, numbered 0 of 1) when it fits, else as many as the budget needs. */
    public List<ModelSnapshot> split(ModelSnapshot whole) {
        if (whole.getChunkCount() != 1) {
            throw new IllegalArgumentException("snapshot " + whole.getSnapshotId() + " is already chunk "
                    + whole.getChunkIndex() + " of " + whole.getChunkCount() + "; split only whole snapshots");
        }
        List<List<Tensor>> chunks = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        int used = 0;
        for (Tensor tensor : whole.getTensors()) {
            int width = TensorCodec.width(tensor.getDtype());
            ByteBuffer data = tensor.getData();
            if (tensor.getElementOffset() != 0) {
                throw new IllegalArgumentException("tensor " + tensor.getName() + " of " + whole.getSnapshotId()
                        + " is a slice (elementOffset " + tensor.getElementOffset() + "); split only whole tensors");
            }
            if (data.remaining() % width != 0) {
                throw new IllegalArgumentException("tensor " + tensor.getName() + " of " + whole.getSnapshotId() + " has "
                        + data.remaining() + " bytes, not a whole number of " + tensor.getDtype() + " elements");
            }
            int elements = data.remaining() / width;
            int done = 0;
            while (done < elements || (elements == 0 && done == 0)) {
                int room = (maxDataBytesPerChunk - used) / width;
                if (room == 0 && elements > 0) {
                    chunks.add(current);
                    current = new ArrayList<>();
                    used = 0;
                    continue;
                }
                int take = Math.min(room, elements - done);
                current.add(slice(tensor, done, take, width));
                used += take * width;
                done += take;
                if (elements == 0) {
                    break; // an empty tensor still appears once, so the consumer learns its name and shape
                }
            }
        }
        chunks.add(current);
        String id = whole.getSnapshotId();
        List<ModelSnapshot> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            out.add(ModelSnapshot.newBuilder(whole).setSnapshotId(id).setChunkIndex(i).setChunkCount(chunks.size())
                    .setTensors(chunks.get(i)).build());
        }
        return out;
    }

    /**
     * The Kafka key of a chunk on the compacted models topic: {@code streamId} for chunk 0 (so an
     * unchunked snapshot is keyed by its stream, as every driftwise topic is), {@code streamId#i} for
     * chunk i, so compaction keeps every chunk of the latest snapshot instead of only its last.
     */
    public static String kafkaKey(ModelSnapshot chunk) {
        return chunk.getChunkIndex() == 0 ? chunk.getStreamId() : chunk.getStreamId() + "#" + chunk.getChunkIndex();
    }

    private static Tensor slice(Tensor tensor, int from, int count, int width) {
        ByteBuffer data = tensor.getData().duplicate();
        data.position(data.position() + from * width);
        data.limit(data.position() + count * width);
        return Tensor.newBuilder(tensor).setElementOffset(from).setData(data.slice()).build();
    }
}
