package dev.driftwise.jobs.publish;

import dev.driftwise.jobs.learn.ParameterTensor;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.SourceOffset;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes a model snapshot as one record when it fits the message limit, else as ordered chunks of
 * tensor slices (the CHUNKING contract of {@code ModelSnapshot.avsc}). A snapshot is never dropped.
 */
final class ModelChunker {

    /** Bytes a slice's name, shape, dtype and offset may take besides its name's characters. */
    private static final int SLICE_OVERHEAD = 64;

    private final WireCodec codec;
    private final RecordEncoder records;
    private final int maxBytes;

    ModelChunker(WireCodec codec, RecordEncoder records, int maxBytes) {
        this.codec = codec;
        this.records = records;
        this.maxBytes = maxBytes;
    }

    List<byte[]> encode(ModelUpdate u) {
        List<Tensor> whole = new ArrayList<>();
        for (ParameterTensor t : u.tensors()) {
            whole.add(slice(t, 0, t.data().length));
        }
        byte[] single = codec.encode(snapshot(u, 0, 1, whole));
        if (single.length <= maxBytes) {
            return List.of(single);
        }
        int metaBytes = codec.encode(snapshot(u, Integer.MAX_VALUE, Integer.MAX_VALUE, List.of())).length;
        List<List<Tensor>> chunks = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        long room = maxBytes - metaBytes;
        for (ParameterTensor t : u.tensors()) {
            int from = 0;
            while (from < t.data().length) {
                long sliceRoom = room - SLICE_OVERHEAD - t.name().length() * 3L - t.shape().length * 10L;
                int count = (int) Math.min(t.data().length - from, Math.max(0, sliceRoom / Float.BYTES));
                if (count == 0) {
                    if (current.isEmpty()) {
                        throw new IllegalStateException("--max-message-bytes " + maxBytes + " leaves no room for tensor data"
                                + " after " + metaBytes + " bytes of snapshot metadata; raise --max-message-bytes");
                    }
                    chunks.add(current);
                    current = new ArrayList<>();
                    room = maxBytes - metaBytes;
                    continue;
                }
                current.add(slice(t, from, count));
                room -= SLICE_OVERHEAD + t.name().length() * 3L + t.shape().length * 10L + (long) count * Float.BYTES;
                from += count;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        List<byte[]> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] bytes = codec.encode(snapshot(u, i, chunks.size(), chunks.get(i)));
            if (bytes.length > maxBytes) {
                throw new IllegalStateException("chunk " + i + " of snapshot " + u.key() + "@" + u.version() + " has "
                        + bytes.length + " bytes, above --max-message-bytes " + maxBytes + "; this is a bug in the chunker");
            }
            out.add(bytes);
        }
        return out;
    }

    private static Tensor slice(ParameterTensor t, int from, int count) {
        List<Long> shape = new ArrayList<>(t.shape().length);
        for (long s : t.shape()) {
            shape.add(s);
        }
        return Tensor.newBuilder().setName(t.name()).setShape(shape).setDtype(TensorDType.FLOAT32)
                .setElementOffset(from).setData(TensorCodec.encode(t.data(), from, count)).build();
    }

    private ModelSnapshot snapshot(ModelUpdate u, int chunkIndex, int chunkCount, List<Tensor> tensors) {
        List<SourceOffset> offsets = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(u.nextOffsets()).entrySet()) {
            offsets.add(SourceOffset.newBuilder().setTopic(u.sourceTopic()).setPartition(e.getKey()).setOffset(e.getValue()).build());
        }
        return ModelSnapshot.newBuilder().setStreamId(u.key()).setVersion(u.version())
                .setSnapshotId(u.key() + "@" + u.version()).setChunkIndex(chunkIndex).setChunkCount(chunkCount)
                .setStep(u.step()).setSamplesSeen(u.samplesSeen()).setCreatedAt(RecordEncoder.now())
                .setModelSpec(u.modelSpec()).setOptimizer(records.optimizer(u.optimizer())).setTensors(tensors)
                .setSourceOffsets(offsets).setSummaryMetrics(u.summary())
                .setProvenance(records.provenance(ModelSnapshot.getClassSchema())).build();
    }
}
