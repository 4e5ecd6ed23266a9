package dev.driftwise.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.learner.input.FeatureStandardizer;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.snapshot.FeatureStatisticsTensors;
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
                null, "in", Map.of(0, 701L), Map.of("windowLoss", 0.5));
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
    void aSmallSnapshotIsOneRecordKeyedByItsStream() throws Exception {
        ModelUpdate u = new ModelUpdate("s2", 1, 10, 100, "linear:2", "sgd(lr=0.1)", Map.of(),
                List.of(new ParameterTensor("w", new long[] {1, 2}, new float[] {1, 2})), null, "in", Map.of(), Map.of());
        List<OutputRecord> records = new RecordEncoder(WireCodec.standard(), ME, 1_000_000).model(u, "models");
        assertEquals(1, records.size());
        assertEquals("s2", records.get(0).key);
        ModelSnapshot m = WireCodec.standard().decode(records.get(0).value, ModelSnapshot.class);
        assertNull(m.getFeatureStatistics(), "a model that does not standardise publishes no statistics");
        assertEquals(List.of("w"), m.getTensors().stream().map(t -> t.getName()).toList());
    }

    @Test
    void aStandardisingModelPublishesItsFeatureStatisticsExactlyAndChunkedWithItsWeights() throws Exception {
        int d = 20_000; // 320 KB of statistics: more than a 64 KiB record could repeat in every chunk
        SplittableRandom r = new SplittableRandom(5);
        double[] mean = new double[d];
        double[] m2 = new double[d];
        float[] w = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = 1e5 * r.nextGaussian();
            m2[j] = 1e3 * r.nextDouble();
            w[j] = (float) r.nextGaussian();
        }
        FeatureStandardizer.Statistics stats = new FeatureStandardizer.Statistics(640, mean, m2);
        ModelUpdate u = new ModelUpdate("s3", 2, 20, 640, "linear", "sgd(lr=0.01)", Map.of("lr", "0.01"),
                List.of(new ParameterTensor("layer0.weight", new long[] {d, 1}, w)), stats, "in", Map.of(0, 640L), Map.of());
        int limit = 64 * 1024;
        List<OutputRecord> records = new RecordEncoder(WireCodec.standard(), ME, limit).model(u, "models");
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        Optional<ModelSnapshot> whole = Optional.empty();
        for (OutputRecord o : records) {
            assertTrue(o.value.length <= limit, "a chunk of " + o.value.length + " bytes, limit " + limit);
            whole = assembler.add(WireCodec.standard().decode(o.value, ModelSnapshot.class));
        }
        ModelSnapshot m = whole.orElseThrow(() -> new AssertionError(records.size() + " chunks did not reassemble"));
        assertTrue(records.size() >= 6, "400 KB in 64 KiB records: " + records.size() + " chunks");
        assertEquals(640L, m.getFeatureStatistics().getCount());
        assertEquals(List.of("layer0.weight", FeatureStatisticsTensors.MEAN, FeatureStatisticsTensors.M2),
                m.getTensors().stream().map(t -> t.getName()).toList(), "parameters first, then the statistics");
        assertArrayEquals(mean, FeatureStatisticsTensors.decode(m, FeatureStatisticsTensors.MEAN, d), 0.0);
        assertArrayEquals(m2, FeatureStatisticsTensors.decode(m, FeatureStatisticsTensors.M2, d), 0.0);
        assertArrayEquals(w, TensorCodec.decodeFloats(m.getTensors().get(0).getData()));
    }
}
