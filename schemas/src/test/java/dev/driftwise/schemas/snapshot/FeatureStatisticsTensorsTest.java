package dev.driftwise.schemas.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.schemas.FeatureStatistics;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The feature statistics of a standardising model travel as tensors: chunked, reassembled and decoded exactly. */
class FeatureStatisticsTensorsTest {

    private static final int FEATURES = 300;

    private static ModelSnapshot standardizing(double[] mean, double[] m2) {
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.newBuilder().setName("layer0.weight").setShape(List.of((long) FEATURES, 1L))
                .setDtype(TensorDType.FLOAT32).setElementOffset(0).setData(TensorCodec.encode(new float[FEATURES])).build());
        tensors.addAll(FeatureStatisticsTensors.encode(mean, m2));
        return ModelSnapshot.newBuilder().setStreamId("s").setVersion(3).setSnapshotId("s@3").setStep(30).setSamplesSeen(960)
                .setCreatedAt(Instant.ofEpochMilli(3)).setModelSpec("{\"model\":\"linear\"}")
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setHyperParameters(Map.of()).build())
                .setTensors(tensors).setSourceOffsets(List.of()).setSummaryMetrics(Map.of())
                .setProvenance(new ProducerIdentity("test", "0", "r", "h").provenanceFor(ModelSnapshot.getClassSchema()))
                .setFeatureStatistics(FeatureStatistics.newBuilder().setCount(960).build()).build();
    }

    @Test
    void statisticsSplitAcrossChunksReassembleToTheExactDoubles() throws Exception {
        Random r = new Random(9);
        double[] mean = new double[FEATURES];
        double[] m2 = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = 1e5 * r.nextGaussian() + Math.ulp(1.0) * j; // values a float would round
            m2[j] = Math.abs(1e3 * r.nextGaussian());
        }
        WireCodec codec = WireCodec.standard();
        List<ModelSnapshot> chunks = new ModelSnapshotChunker(512).split(standardizing(mean, m2));
        assertTrue(chunks.size() >= 10, "300 doubles twice at 512 bytes a chunk: many chunks, got " + chunks.size());
        List<ModelSnapshot> received = new ArrayList<>();
        for (ModelSnapshot c : chunks) {
            received.add(codec.decode(codec.encode(c), ModelSnapshot.class));
            assertEquals(960L, c.getFeatureStatistics().getCount(), "every chunk repeats the metadata, the count included");
        }
        Collections.shuffle(received, new Random(4));
        ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
        Optional<ModelSnapshot> whole = Optional.empty();
        for (ModelSnapshot c : received) {
            whole = assembler.add(c);
        }
        ModelSnapshot s = whole.orElseThrow(() -> new AssertionError("not reassembled from " + chunks.size() + " chunks"));
        assertArrayEquals(mean, FeatureStatisticsTensors.decode(s, FeatureStatisticsTensors.MEAN, FEATURES), 0.0);
        assertArrayEquals(m2, FeatureStatisticsTensors.decode(s, FeatureStatisticsTensors.M2, FEATURES), 0.0);
        assertEquals(List.of(false, true, true), s.getTensors().stream().map(FeatureStatisticsTensors::holds).toList());
    }

    @Test
    void aMissingOrMisshapenStatisticsTensorIsNamed() {
        ModelSnapshot s = standardizing(new double[FEATURES], new double[FEATURES]);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> FeatureStatisticsTensors.decode(s, FeatureStatisticsTensors.M2, FEATURES + 1));
        assertTrue(shape.getMessage().contains("standardizer.m2 is FLOAT64[300]") && shape.getMessage().contains("FLOAT64[301]"),
                shape.getMessage());
        ModelSnapshot without = ModelSnapshot.newBuilder(s).setTensors(s.getTensors().subList(0, 2)).build();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FeatureStatisticsTensors.decode(without, FeatureStatisticsTensors.M2, FEATURES));
        assertTrue(missing.getMessage().contains("no tensor standardizer.m2"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureStatisticsTensors.encode(new double[2], new double[3]));
    }
}
