package dev.driftwise.serving;

import dev.driftwise.learner.PredictOnlyModel;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.snapshot.ModelSnapshotAssembler;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns models-topic records into models to serve or rejections: decode (checking the writer's schema
 * fingerprint), reassemble chunks, drop versions not above the one served, check and load. Used by
 * the client's poll thread only.
 */
final class SnapshotIntake {

    /** Where the outcomes go. */
    interface Outcomes {
        /** A chunk of {@code version} was read for the stream (whether or not it becomes a model). */
        void seen(String streamId, long version);

        long servedVersion(String streamId);

        void serve(ModelSnapshot snapshot, PredictOnlyModel model);

        void reject(SnapshotRejection rejection);
    }

    private final WireCodec codec = WireCodec.standard();
    private final ModelSnapshotAssembler assembler = new ModelSnapshotAssembler();
    private final SnapshotLoader loader;
    private final Clock clock;
    private final Outcomes outcomes;

    SnapshotIntake(SnapshotLoader loader, Clock clock, Outcomes outcomes) {
        this.loader = loader;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    void accept(ConsumerRecord<String, byte[]> r) {
        ModelSnapshot chunk;
        try {
            chunk = codec.decode(r.value(), ModelSnapshot.class);
        } catch (WireFormatException e) {
            if (e.reason() != WireFormatException.Reason.EMPTY) { // a tombstone deletes nothing we serve
                String keyStream = r.key() == null ? null : r.key().split("#", 2)[0];
                reject(r, keyStream, -1, SnapshotRejection.Reason.UNDECODABLE, e.reason() + ": " + e.getMessage());
            }
            return;
        }
        String stream = chunk.getStreamId();
        outcomes.seen(stream, chunk.getVersion());
        Optional<ModelSnapshot> whole;
        try {
            whole = assembler.add(chunk);
        } catch (IllegalArgumentException e) {
            reject(r, stream, chunk.getVersion(), SnapshotRejection.Reason.BAD_CHUNKS, e.getMessage());
            return;
        }
        if (whole.isEmpty() || whole.get().getVersion() <= outcomes.servedVersion(stream)) {
            return; // incomplete, or a duplicate / older version (the assembler drops most; this guards the rest)
        }
        ModelSnapshot s = whole.get();
        PredictOnlyModel model;
        try {
            model = loader.load(s);
        } catch (SnapshotRejectedException e) {
            reject(r, stream, s.getVersion(), e.reason(), e.getMessage());
            return;
        } catch (RuntimeException e) { // the engine could not build it (device, native library): keep the old model
            reject(r, stream, s.getVersion(), SnapshotRejection.Reason.UNSUPPORTED, "loading the model failed: " + e);
            return;
        }
        outcomes.serve(s, model);
    }

    private void reject(ConsumerRecord<String, byte[]> r, String stream, long version, SnapshotRejection.Reason reason,
                        String detail) {
        outcomes.reject(new SnapshotRejection(stream, version, reason, detail, r.topic(), r.partition(), r.offset(),
                clock.instant()));
    }
}
