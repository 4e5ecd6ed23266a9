package dev.driftwise.jobs.publish;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotChunker;
import dev.driftwise.schemas.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a model snapshot as one record when it fits the message limit, else as ordered chunks of
 * tensor slices ({@link ModelSnapshotChunker}, the CHUNKING contract of {@code ModelSnapshot.avsc}).
 * A snapshot is never dropped: a chunk that still does not fit fails the job loudly.
 */
final class ModelChunker {

    /** Bytes each tensor slice's name, shape, dtype and offset may take in a chunk, besides its data. */
    private static final int SLICE_OVERHEAD = 256;

    private final WireCodec codec;
    private final int maxBytes;

    ModelChunker(WireCodec codec, int maxBytes) {
        this.codec = codec;
        this.maxBytes = maxBytes;
    }

    /** The encoded chunks with their Kafka keys (stream id for chunk 0, {@code streamId#i} after). */
    List<KeyedBytes> encode(ModelSnapshot whole) {
        byte[] single = codec.encode(whole);
        if (single.length <= maxBytes) {
            return List.of(new KeyedBytes(ModelSnapshotChunker.kafkaKey(whole), single));
        }
        ModelSnapshot bare = ModelSnapshot.newBuilder(whole).setTensors(List.of()).setChunkIndex(Integer.MAX_VALUE)
                .setChunkCount(Integer.MAX_VALUE).build();
        int metadata = codec.encode(bare).length + SLICE_OVERHEAD * whole.getTensors().size();
        int budget = maxBytes - metadata;
        if (budget < 1024) {
            throw new IllegalStateException("--max-message-bytes " + maxBytes + " leaves " + budget + " bytes of tensor data"
                    + " per chunk after " + metadata + " bytes of snapshot metadata; raise --max-message-bytes");
        }
        List<KeyedBytes> out = new ArrayList<>();
        for (ModelSnapshot chunk : new ModelSnapshotChunker(budget).split(whole)) {
            byte[] bytes = codec.encode(chunk);
            if (bytes.length > maxBytes) {
                throw new IllegalStateException("chunk " + chunk.getChunkIndex() + " of " + chunk.getSnapshotId() + " has "
                        + bytes.length + " bytes, above --max-message-bytes " + maxBytes + " (metadata estimate "
                        + metadata + " was short); raise --max-message-bytes");
            }
            out.add(new KeyedBytes(ModelSnapshotChunker.kafkaKey(chunk), bytes));
        }
        return out;
    }

    /** One encoded chunk and its Kafka key. */
    record KeyedBytes(String key, byte[] value) {}
}
