package dev.driftwise.streams.sink;

import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.Sample;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.LongUnaryOperator;

/**
 * Turns a {@link GeneratedSample} into the Avro {@link Sample} of {@code driftwise.samples}, reusing
 * one record per stream: the returned record is valid until the next call for the same stream, so a
 * sink must encode it before it returns.
 */
public final class SampleRecords {

    /** Per-stream reusable state: the record, its ground truth, the Kafka key and the event clock. */
    public static final class StreamRecord {
        public final Sample sample;
        public final byte[] key;
        private final GroundTruth groundTruth;
        private final FloatListView features;
        private final LongUnaryOperator eventTime;

        private StreamRecord(SampleStream stream, SampleOrigin origin, EventTimes times) {
            key = stream.streamId().getBytes(StandardCharsets.UTF_8);
            features = new FloatListView();
            groundTruth = origin.groundTruth() ? new GroundTruth() : null;
            sample = Sample.newBuilder()
                    .setStreamId(stream.streamId())
                    .setSeq(0)
                    .setEventTime(Instant.EPOCH)
                    .setFeatures(features)
                    .setTarget(0)
                    .setGroundTruth(groundTruth)
                    .setSource(origin.source())
                    .setProvenance(origin.provenance())
                    .build();
            eventTime = times.forStream(stream);
        }
    }

    private final SampleOrigin origin;
    private final EventTimes times;
    private final Map<SampleStream, StreamRecord> byStream = new IdentityHashMap<>();

    public SampleRecords(SampleOrigin origin, EventTimes times) {
        this.origin = origin;
        this.times = times;
    }

    /** Fills and returns the stream's reusable record. */
    public StreamRecord fill(SampleStream stream, GeneratedSample generated) {
        StreamRecord r = byStream.computeIfAbsent(stream, s -> new StreamRecord(s, origin, times));
        r.features.array = generated.features;
        Sample s = r.sample;
        s.setSeq(generated.seq);
        s.setEventTime(Instant.ofEpochMilli(r.eventTime.applyAsLong(generated.seq)));
        s.setTarget(generated.target);
        if (r.groundTruth != null) {
            GroundTruth g = r.groundTruth;
            g.setConceptId(generated.conceptId);
            g.setDriftIndex(generated.driftIndex);
            g.setPhase(generated.phase);
            g.setFromConceptId(generated.fromConceptId >= 0 ? generated.fromConceptId : null);
            g.setMixProbability(generated.mixProbability);
        }
        return r;
    }

    /** The feature buffer seen as the {@code List<Float>} Avro writes, without copying it. */
    static final class FloatListView extends AbstractList<Float> implements RandomAccess {
        float[] array = new float[0];

        @Override
        public Float get(int index) {
            return array[index];
        }

        @Override
        public int size() {
            return array.length;
        }
    }
}
