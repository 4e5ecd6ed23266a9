package dev.driftwise.consumers.testkit;

import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ModelSnapshot records of a linear regression model y = x·w + b, built the way the training job
 * builds them (layer0.weight of shape inputs × 1, layer0.bias of shape 1, float32 little-endian).
 */
public final class Snapshots {

    private Snapshots() {
    }

    /** The canonical model spec of a linear regression with bias (what the learner's ModelSpec writes). */
    public static String linearSpec(int inputs) {
        return "{\"model\":\"linear\",\"task\":\"regression\",\"inputs\":" + inputs
                + ",\"bias\":true,\"standardize\":false,\"seed\":0}";
    }

    /** A snapshot whose weights are all {@code w} and whose bias is {@code b}. */
    public static ModelSnapshot linear(String stream, long version, int inputs, float w, float b, Instant createdAt) {
        float[] weights = new float[inputs];
        java.util.Arrays.fill(weights, w);
        return build(stream, version, linearSpec(inputs), List.of(
                tensor("layer0.weight", new long[] {inputs, 1}, weights), tensor("layer0.bias", new long[] {1}, new float[] {b})),
                createdAt);
    }

    public static Tensor tensor(String name, long[] shape, float[] data) {
        List<Long> s = new ArrayList<>();
        for (long d : shape) {
            s.add(d);
        }
        return Tensor.newBuilder().setName(name).setShape(s).setDtype(TensorDType.FLOAT32).setElementOffset(0)
                .setData(TensorCodec.encode(data)).build();
    }

    public static ModelSnapshot build(String stream, long version, String spec, List<Tensor> tensors, Instant createdAt) {
        return ModelSnapshot.newBuilder().setStreamId(stream).setVersion(version).setSnapshotId(stream + "@" + version)
                .setChunkIndex(0).setChunkCount(1).setStep(version * 10).setSamplesSeen(version * 320)
                .setCreatedAt(createdAt).setModelSpec(spec)
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setHyperParameters(Map.of("lr", "0.01")).build())
                .setTensors(tensors).setSourceOffsets(List.of()).setSummaryMetrics(Map.of("windowLoss", 0.5))
                .setProvenance(Provenance.newBuilder().setSchemaVersion(1).setProducerName("test").setProducerVersion("0")
                        .setRunId("run").setHost("localhost").build())
                .build();
    }
}
