package dev.driftwise.jobs.publish;

import dev.driftwise.jobs.decode.Rejection;
import dev.driftwise.jobs.train.MetricsUpdate;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.jobs.train.StepSizeUpdate;
import dev.driftwise.metaoptimize.BlockStepSize;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.OptimizerSpec;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.wire.SchemaStore;
import dev.driftwise.schemas.wire.WireCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Turns the trainer's events into the Avro records of the output topics, single-object encoded. */
public final class RecordEncoder {

    private final WireCodec codec;
    private final Producer producer;
    private final ModelChunker chunker;

    public RecordEncoder(WireCodec codec, Producer producer, int maxMessageBytes) {
        this.codec = codec;
        this.producer = producer;
        this.chunker = new ModelChunker(codec, this, maxMessageBytes);
    }

    /** One record, or several ordered chunks when the snapshot exceeds the message limit. */
    public List<byte[]> model(ModelUpdate u) {
        return chunker.encode(u);
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
                .setSamplesSeen(u.samplesSeen()).setCreatedAt(now()).setOptimizer(optimizer(u.optimizer()))
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

    OptimizerSpec optimizer(dev.driftwise.metaoptimize.OptimizerSpec spec) {
        return OptimizerSpec.newBuilder().setName(spec.name()).setHyperParameters(spec.hyperParameters()).build();
    }

    Provenance provenance(Schema schema) {
        return Provenance.newBuilder().setSchemaVersion(SchemaStore.schemaVersion(schema))
                .setProducerName(producer.name()).setProducerVersion(producer.version())
                .setRunId(producer.runId()).setHost(producer.host()).build();
    }

    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
