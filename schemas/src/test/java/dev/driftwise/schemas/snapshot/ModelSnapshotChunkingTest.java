package dev.driftwise.schemas.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelSnapshotChunkingTest {

    private static ModelSnapshot snapshot(String stream, long version, int weights) {
        Random r = new Random(version);
        float[] w = new float[weights];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        double[] b = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian(),
            r.nextGaussian(), r.nextGaussian()};
        return ModelSnapshot.newBuilder().setStreamId(stream).setVersion(version).setSnapshotId(stream + "@" + version)
                .setStep(10 * version).setSamplesSeen(100 * version).setCreatedAt(Instant.ofEpochMilli(version))
                .setModelSpec("{\"type\":\"mlp\"}")
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setHyperParameters(Map.of()).build())
                .setTensors(List.of(tensor("fc1.weight", List.of((long) weights), TensorDType.FLOAT32, TensorCodec.encode(w)),
                        tensor("fc1.bias", List.of(7L), TensorDType.FLOAT64, TensorCodec.encode(b)),
                        tensor("unused", List.of(0L), TensorDType.FLOAT32, TensorCodec.encode(new float[0]))))
                .setSourceOffsets(List.of()).setSummaryMetrics(Map.of())
                .setProvenance(new ProducerIdentity("test", "0", "r", "h").provenanceFor(ModelSnapshot.getClassSchema()))
                .build();
    }

    private static Tensor tensor(String name, List<Long> shape, TensorDType dtype, ByteBuffer data) {
        return Tensor.newBuilder().setName(name).setShape(shape).setDtype(dtype).setElementOffset(0).setData(data).build();
    }

    @Test
    void aSnapshotThatFitsIsOneChunkEqualToItself() {
        ModelSnapshot whole = snapshot("s", 1, 10);
        assertEquals(List.of(whole), new ModelSnapshotChunker(1 << 20).split(whole));
    }

    @Test
    void chunksStayUnderTheBudgetCrossTheWireInAnyOrderAndReassembleExactly() throws Exception {
        ModelSnapshot whole = snapshot("s", 2, 1000);
        List<ModelSnapshot> chunks = new ModelSnapshotChunker(100).split(whole);
        // 1000 floats fill 40 chunks of 25 exactly; the 7 doubles (56 bytes) and the empty tensor share the 41st
        assertEquals(41, chunks.size(), "chunks for 4000 + 56 data bytes at 100 bytes per chunk");
        WireCodec codec = WireCodec.standard();
        List<ModelSnapshot> received = new ArrayList<>();
        for (ModelSnapshot c : chunks) {
            int bytes = c.getTensors().stream().mapToInt(t -> t.getData().remaining()).sum();
            assertTrue(bytes <= 100, "chunk " + c.getChunkIndex() + " holds " + bytes + " data bytes");
            assertEquals(chunks.size(), c.getChunkCount());
            received.add(codec.decode(codec.encode(c), ModelSnapshot.class));
        }
        Collections.shuffle(received, new Random(3));
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        Optional<ModelSnapshot> result = Optional.empty();
        for (int i = 0; i < received.size(); i++) {
            result = assembler.add(received.get(i));
            assertEquals(i == received.size() - 1, result.isPresent(), "complete only after the last chunk, at " + i);
        }
        assertEquals(whole, result.orElseThrow());
        assertEquals(0, assembler.pendingCount());
    }

    @Test
    void aNewerSnapshotReplacesAnIncompleteOneAndStaleChunksAreIgnored() {
        ModelSnapshotChunker chunker = new ModelSnapshotChunker(400);
        List<ModelSnapshot> v3 = chunker.split(snapshot("s", 3, 300));
        List<ModelSnapshot> v4 = chunker.split(snapshot("s", 4, 300));
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        assertTrue(assembler.add(v3.get(0)).isEmpty());
        Optional<ModelSnapshot> done = Optional.empty();
        for (ModelSnapshot c : v4) {
            assertTrue(assembler.add(v3.get(1)).isEmpty(), "an older snapshot's chunk never completes anything");
            done = assembler.add(c);
            assertTrue(assembler.add(c).isEmpty(), "a redelivered chunk neither completes early nor twice");
        }
        assertEquals(4, done.orElseThrow().getVersion());
        for (ModelSnapshot c : v3) {
            assertTrue(assembler.add(c).isEmpty(), "v3 is older than the v4 already delivered");
        }
    }

    @Test
    void slicesThatLeaveAGapAreRefusedNamingTheTensorAndTheElements() {
        List<ModelSnapshot> chunks = new ModelSnapshotChunker(100).split(snapshot("s", 5, 100));
        ModelSnapshot second = chunks.get(1);
        Tensor moved = Tensor.newBuilder(second.getTensors().get(0)).setElementOffset(
                second.getTensors().get(0).getElementOffset() + 1).build();
        List<ModelSnapshot> damaged = new ArrayList<>(chunks);
        damaged.set(1, ModelSnapshot.newBuilder(second).setTensors(List.of(moved)).build());
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> damaged.forEach(assembler::add));
        assertTrue(e.getMessage().contains("fc1.weight") && e.getMessage().contains("[25, 26) are missing"), e.getMessage());
    }

    @Test
    void everyChunkOfASnapshotHasItsOwnKeyAndChunkZeroIsKeyedByTheStream() {
        List<ModelSnapshot> chunks = new ModelSnapshotChunker(100).split(snapshot("sea-1", 7, 100));
        assertEquals("sea-1", ModelSnapshotChunker.kafkaKey(chunks.get(0)));
        assertEquals("sea-1#3", ModelSnapshotChunker.kafkaKey(chunks.get(3)));
        assertEquals(chunks.size(), chunks.stream().map(ModelSnapshotChunker::kafkaKey).distinct().count());
    }

    @Test
    void chunksThatDisagreeOnTheChunkCountAreRefused() {
        List<ModelSnapshot> chunks = new ModelSnapshotChunker(100).split(snapshot("s", 6, 100));
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        assembler.add(chunks.get(0));
        ModelSnapshot liar = ModelSnapshot.newBuilder(chunks.get(1)).setChunkCount(chunks.size() + 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assembler.add(liar));
        assertTrue(e.getMessage().contains("s@6"), e.getMessage());
    }
}
