package dev.driftwise.jobs.publish;

import dev.driftwise.jobs.decode.Rejection;
import dev.driftwise.learner.snapshot.ParameterTensor;
import dev.driftwise.jobs.train.MetricsUpdate;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.jobs.train.StepSizeUpdate;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.FeatureStatistics;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.SourceOffset;
import dev.driftwise.schemas.Tensor;
import dev.driftwise.schemas.TensorDType;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import dev.driftwise.schemas.snapshot.FeatureStatisticsTensors;
import dev.driftwise.schemas.wire.TensorCodec;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/** Turns the trainer's events into the Avro records of the output topics, single-object encoded. */
public final class RecordEncoder {

    /** Program name in every record's provenance. */
    public static final String PRODUCER_NAME = "driftwise-jobs/OnlineTrainingJob";

    private final WireCodec codec;
    private final ProducerIdentity producer;
    private final ModelChunker chunker;

    public RecordEncoder(WireCodec codec, ProducerIdentity producer, int maxMessageBytes) {
        this.codec = codec;
        this.producer = producer;
        this.chunker = new ModelChunker(codec, maxMessageBytes);
    }

    /** The identity of this job run: its Flink job id is the run id. */
    public static ProducerIdentity identity(String flinkJobId) {
        String version = RecordEncoder.class.getPackage().getImplementationVersion();
        return ProducerIdentity.ofThisHost(PRODUCER_NAME, version == null ? "0.1.0-SNAPSHOT" : version, flinkJobId);
    }

    /**
     * One record, or several ordered chunks when the snapshot exceeds the message limit; each with its
     * Kafka key (the stream id; {@code streamId#i} for chunk i > 0, so compaction keeps every chunk).
     */
    public List<OutputRecord> model(ModelUpdate u, String topic) {
        List<OutputRecord> out = new ArrayList<>();
        for (ModelChunker.KeyedBytes chunk : chunker.encode(snapshot(u))) {
            out.add(new OutputRecord(topic, chunk.key(), u.key(), chunk.value()));
        }
        return out;
    }

    private ModelSnapshot snapshot(ModelUpdate u) {
        List<Tensor> tensors = new ArrayList<>(u.tensors().size());
        for (ParameterTensor t : u.tensors()) {
            List<Long> shape = new ArrayList<>(t.shape().length);
            for (long s : t.shape()) {
                shape.add(s);
            }
            tensors.add(Tensor.newBuilder().setName(t.name()).setShape(shape).setDtype(TensorDType.FLOAT32)
                    .setElementOffset(0).setData(TensorCodec.encode(t.data())).build());
        }
        FeatureStatistics statistics = null;
        if (u.featureStatistics() != null) { // after the parameters, as tensors, so they are chunked with them
            tensors.addAll(FeatureStatisticsTensors.encode(u.featureStatistics().mean(), u.featureStatistics().m2()));
            statistics = FeatureStatistics.newBuilder().setCount(u.featureStatistics().count()).build();
        }
        List<SourceOffset> offsets = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : new TreeMap<>(u.nextOffsets()).entrySet()) {
            offsets.add(SourceOffset.newBuilder().setTopic(u.sourceTopic()).setPartition(e.getKey()).setOffset(e.getValue()).build());
        }
        return ModelSnapshot.newBuilder().setStreamId(u.key()).setVersion(u.version())
                .setSnapshotId(u.key() + "@" + u.version()).setChunkIndex(0).setChunkCount(1)
                .setStep(u.step()).setSamplesSeen(u.samplesSeen()).setCreatedAt(now())
                .setModelSpec(u.modelSpec()).setOptimizer(optimizer(u.optimizer(), u.optimizerSettings())).setTensors(tensors)
                .setSourceOffsets(offsets).setSummaryMetrics(u.summary()).setFeatureStatistics(statistics)
                .setProvenance(producer.provenanceFor(ModelSnapshot.getClassSchema())).build();
    }

    public byte[] stepSizes(StepSizeUpdate u) {
        List<StepSizeBlock> blocks = new ArrayList<>(u.blocks().size());
        for (int i = 0; i < u.blocks().size(); i++) {
            BlockStepSize b = u.blocks().get(i);
            blocks.add(StepSizeBlock.newBuilder().setName(b.block()).setSize(b.size()).setAlpha(b.alpha()).setBeta(b.beta())
                    .setAlphaMin(b.alphaMin()).setAlphaMax(b.alphaMax()).setMetaGradient(b.metaGradient())
                    .setMetaGradientMean(u.metaGradientMean()[i]).setMetaGradientStd(u.metaGradientStd()[i])
                    .setTraceNorm(b.traceNorm()).build());
        }
        return codec.encode(StepSizeSnapshot.newBuilder().setStreamId(u.key()).setVersion(u.version()).setStep(u.step())
                .setSamplesSeen(u.samplesSeen()).setCreatedAt(now()).setOptimizer(optimizer(u.optimizer(), u.optimizerSettings()))
                .setBlocks(blocks).setProvenance(provenance(StepSizeSnapshot.getClassSchema())).build());
    }

    public byte[] metrics(MetricsUpdate u) {
        return codec.encode(PrequentialMetrics.newBuilder().setStreamId(u.key()).setStep(u.step())
                .setSamplesSeen(u.samplesSeen()).setCreatedAt(now()).setWindowSize(u.windowSize())
                .setWindowLoss(u.windowLoss()).setFadingFactor(u.fadingFactor()).setFadingLoss(u.fadingLoss())
                .setWindowAccuracy(u.windowAccuracy()).setFadingAccuracy(u.fadingAccuracy())
                .setSamplesPerSecond(u.samplesPerSecond()).setConceptId(u.conceptId()).setDeadLetters(u.deadLetters())
                .setProvenance(provenance(PrequentialMetrics.getClassSchema())).build());
    }

    public byte[] deadLetter(Rejection r) {
        return codec.encode(DeadLetter.newBuilder().setOriginalValue(ByteBuffer.wrap(r.source().value))
                .setSourceTopic(r.source().topic).setSourcePartition(r.source().partition)
                .setSourceOffset(r.source().offset)
                .setOriginalKey(r.source().key == null ? null : ByteBuffer.wrap(r.source().key))
                .setReason(r.reason().wire()).setDetail(r.detail()).setStreamId(r.streamId()).setFailedAt(now())
                .setProvenance(provenance(DeadLetter.getClassSchema())).build());
    }

    /** The optimizer's canonical spec as the record's name (it rebuilds the optimizer), its settings as hyper-parameters. */
    private static OptimizerSpec optimizer(String spec, java.util.Map<String, String> settings) {
        return OptimizerSpec.newBuilder().setName(spec).setHyperParameters(settings).build();
    }

    private Provenance provenance(Schema schema) {
        return producer.provenanceFor(schema);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
