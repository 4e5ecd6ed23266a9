package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.DeadLetterReason;
import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.SourceOffset;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.TensorDType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/** Realistic, fully populated records of every topic, deterministic by seed (sorted maps: Map.of order varies per JVM). */
final class TestRecords {

    static final Instant T0 = Instant.parse("2026-11-30T00:00:00.123Z");

    private TestRecords() {
    }

    static List<SpecificRecord> all(long seed) {
        return List.of(sample(seed, 20), sampleWithoutGroundTruth(seed), modelSnapshot(seed),
                standardizingModelSnapshot(seed), stepSizeSnapshot(seed), metrics(seed, true), metrics(seed, false), deadLetter(seed));
    }

    private static final ProducerIdentity PRODUCER =
            new ProducerIdentity("driftwise-test", "0.1.0-SNAPSHOT", "run-42", "localhost");

    static Provenance provenance(Class<? extends SpecificRecord> type) {
        return PRODUCER.provenanceFor(WireCodec.schemaOf(type));
    }

    static Sample sample(long seed, int features) {
        Random r = new Random(seed);
        List<Float> x = new ArrayList<>(features);
        for (int i = 0; i < features; i++) {
            x.add((float) r.nextGaussian());
        }
        return Sample.newBuilder().setStreamId("sea-" + seed).setSeq(1_000_000L + seed).setEventTime(T0)
                .setFeatures(x).setTarget(r.nextInt(3))
                .setGroundTruth(GroundTruth.newBuilder().setConceptId(2).setDriftIndex(1)
                        .setPhase(DriftPhase.GRADUAL).setFromConceptId(1).setMixProbability(0.25).build())
                .setSource("sea(seed=" + seed + ")").setProvenance(provenance(Sample.class)).build();
    }

    static Sample sampleWithoutGroundTruth(long seed) {
        return Sample.newBuilder(sample(seed, 3)).setGroundTruth(null).setSource(null).setProvenance(null).build();
    }

    static OptimizerSpec optimizer() {
        return OptimizerSpec.newBuilder().setName("metaoptimize(adamw, adam)")
                .setHyperParameters(new TreeMap<>(Map.of("alpha0", "1e-3", "gamma", "0.999", "eta", "1e-4"))).build();
    }

    static ModelSnapshot modelSnapshot(long seed) {
        Random r = new Random(seed);
        float[] w = new float[3 * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        double[] b = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        return ModelSnapshot.newBuilder().setStreamId("sea-" + seed).setVersion(7).setSnapshotId("sea-" + seed + "@7")
                .setChunkIndex(0).setChunkCount(1).setStep(1234).setSamplesSeen(12340).setCreatedAt(T0)
                .setModelSpec("{\"classes\":3,\"features\":5,\"type\":\"linear\"}").setOptimizer(optimizer())
                .setTensors(List.of(tensor("linear.weight", List.of(3L, 5L), TensorDType.FLOAT32, 0,
                                TensorCodec.encode(w)),
                        tensor("linear.bias", List.of(3L), TensorDType.FLOAT64, 0, TensorCodec.encode(b))))
                .setSourceOffsets(List.of(SourceOffset.newBuilder().setTopic("driftwise.samples").setPartition(0)
                        .setOffset(12340).build()))
                .setSummaryMetrics(new TreeMap<>(Map.of("windowLoss", 0.31, "fadingLoss", 0.29)))
                .setProvenance(provenance(ModelSnapshot.class)).build();
    }

    /** A v2 snapshot of a standardising logistic model on 5 features: parameters, then the feature statistics. */
    static ModelSnapshot standardizingModelSnapshot(long seed) {
        Random r = new Random(seed);
        float[] w = new float[5];
        double[] mean = new double[5];
        double[] m2 = new double[5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
            mean[i] = 100 * r.nextGaussian();
            m2[i] = 1000 * r.nextDouble();
        }
        List<Tensor> tensors = new ArrayList<>(List.of(
                tensor("layer0.weight", List.of(5L, 1L), TensorDType.FLOAT32, 0, TensorCodec.encode(w)),
                tensor("layer0.bias", List.of(1L), TensorDType.FLOAT32, 0, TensorCodec.encode(new float[] {0.5f}))));
        tensors.addAll(dev.driftwise.schemas.snapshot.FeatureStatisticsTensors.encode(mean, m2));
        return ModelSnapshot.newBuilder(modelSnapshot(seed))
                .setModelSpec("{\"model\":\"logistic\",\"task\":\"binary\",\"inputs\":5,\"bias\":true,\"standardize\":true,\"seed\":0}")
                .setTensors(tensors)
                .setFeatureStatistics(dev.driftwise.schemas.FeatureStatistics.newBuilder().setCount(12340).build()).build();
    }

    static Tensor tensor(String name, List<Long> shape, TensorDType dtype, long offset, ByteBuffer data) {
        return Tensor.newBuilder().setName(name).setShape(shape).setDtype(dtype).setElementOffset(offset)
                .setData(data).build();
    }

    static StepSizeSnapshot stepSizeSnapshot(long seed) {
        Random r = new Random(seed);
        List<StepSizeBlock> blocks = new ArrayList<>();
        for (String name : List.of("linear.weight", "linear.bias")) {
            double beta = Math.log(1e-3) + r.nextGaussian();
            blocks.add(StepSizeBlock.newBuilder().setName(name).setSize(15).setBeta(beta).setAlpha(Math.exp(beta))
                    .setAlphaMin(Math.exp(beta)).setAlphaMax(Math.exp(beta)).setMetaGradient(r.nextGaussian())
                    .setMetaGradientMean(r.nextGaussian()).setMetaGradientStd(Math.abs(r.nextGaussian()))
                    .setTraceNorm(Math.abs(r.nextGaussian())).build());
        }
        return StepSizeSnapshot.newBuilder().setStreamId("sea-" + seed).setVersion(3).setStep(1234)
                .setSamplesSeen(12340).setCreatedAt(T0).setOptimizer(optimizer()).setBlocks(blocks)
                .setProvenance(provenance(StepSizeSnapshot.class)).build();
    }

    static PrequentialMetrics metrics(long seed, boolean classification) {
        return PrequentialMetrics.newBuilder().setStreamId("sea-" + seed).setStep(1234).setSamplesSeen(12340)
                .setCreatedAt(T0).setWindowSize(1000).setWindowLoss(0.31).setFadingFactor(0.999).setFadingLoss(0.29)
                .setWindowAccuracy(classification ? 0.91 : null).setFadingAccuracy(classification ? 0.9 : null)
                .setSamplesPerSecond(25_000.5).setConceptId(classification ? 2 : null).setDeadLetters(4)
                .setProvenance(provenance(PrequentialMetrics.class)).build();
    }

    static DeadLetter deadLetter(long seed) {
        return DeadLetter.newBuilder().setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x7f}))
                .setSourceTopic("driftwise.samples").setSourcePartition(1).setSourceOffset(99 + seed)
                .setOriginalKey(ByteBuffer.wrap("sea-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setReason(DeadLetterReason.UNDECODABLE)
                .setDetail("TRUNCATED: value has 3 bytes, fewer than the 10-byte single-object header")
                .setStreamId("sea-1").setFailedAt(T0).setProvenance(provenance(DeadLetter.class)).build();
    }
}
