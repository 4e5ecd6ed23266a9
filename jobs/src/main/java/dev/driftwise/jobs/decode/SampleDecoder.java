package dev.driftwise.jobs.decode;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.source.SourceRecord;
import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.util.List;

/**
 * Raw Kafka bytes to a {@link LabeledSample}, or the {@link Rejection} that says why not. Never throws
 * on bad input: the job must keep running whatever a producer sends.
 */
public final class SampleDecoder {

    /** Either a sample or a rejection. */
    public record Result(LabeledSample sample, Rejection rejection) {}

    private final WireCodec codec;
    private final JobOptions options;

    public SampleDecoder(WireCodec codec, JobOptions options) {
        this.codec = codec;
        this.options = options;
    }

    public Result decode(SourceRecord record) {
        Sample s;
        try {
            s = codec.decode(record.value, Sample.class);
        } catch (WireFormatException e) {
            RejectReason reason = e.reason() == WireFormatException.Reason.UNKNOWN_FINGERPRINT
                    ? RejectReason.UNKNOWN_SCHEMA : RejectReason.UNDECODABLE;
            return new Result(null, new Rejection(reason, e.reason() + ": " + e.getMessage(), null, record));
        }
        String streamId = s.getStreamId();
        if (streamId == null || streamId.isEmpty()) {
            return new Result(null, new Rejection(RejectReason.OTHER,
                    "streamId is empty: every sample needs the id of its stream (the Kafka key)", null, record));
        }
        List<Float> list = s.getFeatures();
        float[] features = new float[list.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = list.get(i);
        }
        GroundTruth truth = s.getGroundTruth();
        int concept = truth == null ? -1 : truth.getConceptId();
        return new Result(new LabeledSample(options.learnerKeyOf(streamId), streamId, s.getSeq(), features,
                s.getTarget(), concept, record), null);
    }
}
