package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.Rejection;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.publish.OutputRecord;
import dev.driftwise.jobs.publish.RecordEncoder;
import dev.driftwise.jobs.train.MetricsUpdate;
import dev.driftwise.jobs.train.ModelUpdate;
import dev.driftwise.jobs.train.StepSizeUpdate;
import dev.driftwise.jobs.train.TrainingEvents;
import org.apache.flink.util.Collector;

/** Encodes a trainer's events into output records for the one exactly-once sink; keys are learner keys. */
final class EncodingEvents implements TrainingEvents {

    private final JobOptions options;
    private final RecordEncoder encoder;
    private Collector<OutputRecord> out;
    private LearnerMetrics metrics;

    EncodingEvents(JobOptions options, RecordEncoder encoder) {
        this.options = options;
        this.encoder = encoder;
    }

    EncodingEvents to(Collector<OutputRecord> collector, LearnerMetrics learnerMetrics) {
        this.out = collector;
        this.metrics = learnerMetrics;
        return this;
    }

    @Override
    public void deadLetter(Rejection r) {
        out.collect(new OutputRecord(options.dlqTopic, r.streamId(), encoder.deadLetter(r)));
    }

    @Override
    public void model(ModelUpdate u) {
        for (OutputRecord chunk : encoder.model(u, options.modelsTopic)) {
            out.collect(chunk);
        }
    }

    @Override
    public void stepSizes(StepSizeUpdate u) {
        metrics.stepSizes(u.blocks());
        out.collect(new OutputRecord(options.stepSizesTopic, u.key(), encoder.stepSizes(u)));
    }

    @Override
    public void metrics(MetricsUpdate u) {
        out.collect(new OutputRecord(options.metricsTopic, u.key(), encoder.metrics(u)));
    }

    @Override
    public void stepTime(long nanos) {
        metrics.stepTime(nanos);
    }
}
