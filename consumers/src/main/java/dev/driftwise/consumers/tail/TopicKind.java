package dev.driftwise.consumers.tail;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import org.apache.avro.specific.SpecificRecord;

/** The driftwise topics `tail` knows, with their default names and the record each carries. */
public enum TopicKind {
    MODELS("driftwise.models", ModelSnapshot.class),
    STEPSIZES("driftwise.stepsizes", StepSizeSnapshot.class),
    METRICS("driftwise.metrics", PrequentialMetrics.class),
    DLQ("driftwise.dlq", DeadLetter.class),
    SAMPLES("driftwise.samples", Sample.class);

    private final String defaultTopic;
    private final Class<? extends SpecificRecord> recordType;

    TopicKind(String defaultTopic, Class<? extends SpecificRecord> recordType) {
        this.defaultTopic = defaultTopic;
        this.recordType = recordType;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    public Class<? extends SpecificRecord> recordType() {
        return recordType;
    }
}
