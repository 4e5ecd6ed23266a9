package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.SampleDecoder;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.publish.OutputRecord;
import dev.driftwise.jobs.publish.RecordEncoder;
import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.source.SourceRecord;
import dev.driftwise.schemas.wire.WireCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw records; what does not decode leaves through the dead-letter side output. */
public final class DecodeFunction extends ProcessFunction<SourceRecord, LabeledSample> {

    private static final long serialVersionUID = 1L;

    /** Encoded DeadLetter records of undecodable input. */
    public static final OutputTag<OutputRecord> DEAD_LETTERS = new OutputTag<>("undecodable", OutputTypes.OUTPUT_RECORD);

    private final JobOptions options;
    private transient SampleDecoder decoder;
    private transient RecordEncoder encoder;
    private transient Counter deadLetters;

    public DecodeFunction(JobOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new SampleDecoder(WireCodec.standard(), options);
        encoder = new RecordEncoder(WireCodec.standard(), RecordEncoder.identity(getRuntimeContext().getJobInfo().getJobId().toString()),
                options.maxMessageBytes);
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<LabeledSample> out) {
        SampleDecoder.Result result = decoder.decode(record);
        if (result.sample() != null) {
            out.collect(result.sample());
        } else {
            deadLetters.inc();
            String key = result.rejection().streamId();
            ctx.output(DEAD_LETTERS, new OutputRecord(options.dlqTopic, key, encoder.deadLetter(result.rejection())));
        }
    }
}
