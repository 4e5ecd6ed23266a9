package dev.driftwise.dashboard.testkit;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.DeadLetterReason;
import dev.driftwise.schemas.DriftPhase;
import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.wire.TensorCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The records the training job and the generator publish, built with every required field, as they build them. */
public final class Records {

    public static final Provenance PROVENANCE = Provenance.newBuilder().setSchemaVersion(1).setProducerName("test")
            .setProducerVersion("0").setRunId("run").setHost("localhost").build();
    private static final OptimizerSpec OPTIMIZER = OptimizerSpec.newBuilder()
            .setName("metaoptimize(base=adam,meta=lion,blocks=per-layer)").setHyperParameters(Map.of("alpha0", "1e-3")).build();

    private Records() {
    }

    /** Regression metrics when {@code accuracy} is null, classification otherwise. */
    public static PrequentialMetrics metrics(String stream, long samplesSeen, double loss, Double accuracy, Instant at) {
        return PrequentialMetrics.newBuilder().setStreamId(stream).setStep(samplesSeen / 32).setSamplesSeen(samplesSeen)
                .setCreatedAt(at).setWindowSize(1000).setWindowLoss(loss).setFadingFactor(0.999).setFadingLoss(loss * 1.1)
                .setWindowAccuracy(accuracy).setFadingAccuracy(accuracy == null ? null : accuracy * 0.9)
                .setSamplesPerSecond(200).setConceptId(0).setDeadLetters(0).setProvenance(PROVENANCE).build();
    }

    /** α per block: {@code alphas[i]} for block "layer{i}". */
    public static StepSizeSnapshot stepSizes(String stream, long version, long samplesSeen, Instant at, double... alphas) {
        List<StepSizeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < alphas.length; i++) {
            double a = alphas[i];
            blocks.add(StepSizeBlock.newBuilder().setName("layer" + i).setSize(10).setAlpha(a).setBeta(Math.log(a))
                    .setAlphaMin(a).setAlphaMax(a).setMetaGradient(0).setMetaGradientMean(0).setMetaGradientStd(0)
                    .setTraceNorm(0).build());
        }
        return StepSizeSnapshot.newBuilder().setStreamId(stream).setVersion(version).setStep(samplesSeen / 32)
                .setSamplesSeen(samplesSeen).setCreatedAt(at).setOptimizer(OPTIMIZER).setBlocks(blocks)
                .setProvenance(PROVENANCE).build();
    }

    public static ModelSnapshot model(String stream, long version, int chunkIndex, int chunkCount, Instant at) {
        Tensor w = Tensor.newBuilder().setName("layer0.weight").setShape(List.of(3L, 1L)).setDtype(TensorDType.FLOAT32)
                .setElementOffset(0).setData(TensorCodec.encode(new float[] {0.5f, -0.25f, 1f})).build();
        return ModelSnapshot.newBuilder().setStreamId(stream).setVersion(version).setSnapshotId(stream + "@" + version)
                .setChunkIndex(chunkIndex).setChunkCount(chunkCount).setStep(version * 10).setSamplesSeen(version * 320)
                .setCreatedAt(at).setModelSpec("{}").setOptimizer(OPTIMIZER).setTensors(List.of(w))
                .setSourceOffsets(List.of()).setSummaryMetrics(Map.of("windowLoss", 0.5)).setProvenance(PROVENANCE).build();
    }

    /** A generated sample with ground truth; {@code fromConcept} only for GRADUAL. */
    public static Sample sample(String stream, long seq, int conceptId, int driftIndex, DriftPhase phase, Integer fromConcept) {
        return Sample.newBuilder().setStreamId(stream).setSeq(seq).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + seq))
                .setFeatures(List.of(0.1f, 0.2f, 0.3f)).setTarget(1.0)
                .setGroundTruth(GroundTruth.newBuilder().setConceptId(conceptId).setDriftIndex(driftIndex).setPhase(phase)
                        .setFromConceptId(fromConcept).setMixProbability(0).build())
                .setSource("test").build();
    }

    public static DeadLetter deadLetter(String stream, long offset) {
        return DeadLetter.newBuilder().setOriginalValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setSourceTopic("driftwise.samples")
                .setSourcePartition(0).setSourceOffset(offset).setReason(DeadLetterReason.UNDECODABLE)
                .setDetail("bytes are not a driftwise record").setStreamId(stream).setFailedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setProvenance(PROVENANCE).build();
    }
}
