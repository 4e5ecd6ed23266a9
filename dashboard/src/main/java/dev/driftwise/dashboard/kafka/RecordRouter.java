package dev.driftwise.dashboard.kafka;

import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.dashboard.store.DashboardStore;
import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import dev.driftwise.schemas.wire.WireCodec;
import dev.driftwise.schemas.wire.WireFormatException;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes one record's value as the record type its topic carries (the same single-object decoding as
 * {@code driftwise tail}) and hands it to the store. Bytes that do not decode, and records whose
 * content the store cannot take, are counted as malformed on that topic: never fatal.
 */
public final class RecordRouter {

    private final WireCodec codec;
    private final DashboardStore store;

    public RecordRouter(WireCodec codec, DashboardStore store) {
        this.codec = codec;
        this.store = store;
    }

    /** The store's key for a topic kind: "metrics", "stepsizes", "models", "dlq", "samples". */
    public static String key(TopicKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public void route(TopicKind kind, byte[] value) {
        if (value == null) {
            store.tombstone(key(kind));
            return;
        }
        SpecificRecord record;
        try {
            record = codec.decode(value, kind.recordType());
        } catch (WireFormatException e) {
            store.malformed(key(kind), e.reason() + ": " + e.getMessage());
            return;
        }
        try {
            switch (kind) {
                case METRICS -> store.metrics((PrequentialMetrics) record);
                case STEPSIZES -> store.stepSizes((StepSizeSnapshot) record);
                case MODELS -> store.model((ModelSnapshot) record);
                case SAMPLES -> store.sample((Sample) record);
                case DLQ -> store.deadLetter((DeadLetter) record);
            }
        } catch (RuntimeException e) { // decoded, yet unusable (e.g. a null where the schema allows none)
            store.malformed(key(kind), "UNREADABLE: " + e);
        }
    }
}
