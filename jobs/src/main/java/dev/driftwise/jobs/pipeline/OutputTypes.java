package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.decode.LabeledSampleTypeInfo;
import dev.driftwise.jobs.publish.OutputRecord;
import dev.driftwise.jobs.train.PendingSample;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink type information of the job's records: POJOs or a hand-written serializer, so none falls back to Kryo. */
final class OutputTypes {

    static final TypeInformation<OutputRecord> OUTPUT_RECORD = TypeInformation.of(OutputRecord.class);
    static final TypeInformation<LabeledSample> LABELED_SAMPLE = new LabeledSampleTypeInfo();
    static final TypeInformation<PendingSample> PENDING_SAMPLE = TypeInformation.of(PendingSample.class);

    private OutputTypes() {}
}
