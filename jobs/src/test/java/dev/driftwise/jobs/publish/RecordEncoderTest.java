package dev.driftwise.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.snapshot.ModelSnapshotAssembler;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {

    private static final ProducerIdentity ME = new ProducerIdentity("test", "0", "run", "host");

    @Test
    void aSnapshotOverTheMessageLimitIsChunkedNotDroppedAndReassemblesBitForBit() throws Exception {
        float[] big = new float[100 * 128];
        float[] bias = new float[128];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) r.nextGaussian();
        }
        ModelUpdate u = new ModelUpdate("s1", 7, 70, 700, "mlp", "sgd(lr=0.1)", Map.of("lr", "0.1"),
                List.of(new ParameterTensor("w", new long[] {128, 100}, big), new ParameterTensor("b", new long[] {128}, bias)),
                "in", Map.of(0, 701L), Map.of("windowLoss", 0.5));
        int limit = 16 * 1024;
        List<OutputRecord> records = new RecordEncoder(WireCodec.standard(), ME, limit).model(u, "models");

        assertTrue(records.size() >= 4, "51 KiB of weights in 16 KiB records: got " + records.size() + " chunks");
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        Optional<ModelSnapshot> whole = Optional.empty();
        for (int i = 0; i < records.size(); i++) {
            OutputRecord o = records.get(i);
            assertTrue(o.value.length <= limit, "chunk " + i + " has " + o.value.length + " bytes, limit " + limit);
            assertEquals(i == 0 ? "s1" : "s1#" + i, o.key, "Kafka key of chunk " + i);
            assertEquals("s1", o.partitionKey, "every chunk goes to the stream's partition");
            whole = assembler.add(WireCodec.standard().decode(o.value, ModelSnapshot.class));
        }
        ModelSnapshot m = whole.orElseThrow(() -> new AssertionError("the chunks did not reassemble"));
        assertEquals(7, m.getVersion());
        assertArrayEquals(big, TensorCodec.decodeFloats(m.getTensors().get(0).getData()));
        assertArrayEquals(bias, TensorCodec.decodeFloats(m.getTensors().get(1).getData()));
    }

    @Test
    void aSmallSnapshotIsOneRecordKeyedByItsStream() {
        ModelUpdate u = new ModelUpdate("s2", 1, 10, 100, "linear:2", "sgd(lr=0.1)", Map.of(),
                List.of(new ParameterTensor("w", new long[] {1, 2}, new float[] {1, 2})), "in", Map.of(), Map.of());
        List<OutputRecord> records = new RecordEncoder(WireCodec.standard(), ME, 1_000_000).model(u, "models");
        assertEquals(1, records.size());
        assertEquals("s2", records.get(0).key);
    }
}
