package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.learn.LearnerFactory;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.publish.OutputRecord;
import dev.driftwise.jobs.publish.OutputRecordSerializer;
import dev.driftwise.jobs.source.SourceRecord;
import dev.driftwise.jobs.source.SourceRecordSchema;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job graph: KafkaSource (raw bytes with their positions) → decode (undecodable → dead letters)
 * → keyBy learner key → learner → one exactly-once KafkaSink that writes models, step sizes, metrics
 * and dead letters to their topics. One transactional sink for all four topics commits a checkpoint's
 * outputs atomically: a reader never sees a snapshot without the metrics cut with it.
 */
public final class TrainingPipeline {

    /** Max parallelism fixed so savepoints rescale across parallelisms with the same key groups. */
    public static final int MAX_PARALLELISM = 128;

    private TrainingPipeline() {}

    public static void build(StreamExecutionEnvironment env, JobOptions o, LearnerFactory factory) {
        env.setMaxParallelism(MAX_PARALLELISM);
        // Chained operators hand records over without a serializer copy (the source's raw record was
        // copied byte for byte before decoding). Safe here: every operator emits fresh objects and none
        // keeps or changes a record it was handed after passing it on.
        env.getConfig().enableObjectReuse();
        SingleOutputStreamOperator<LabeledSample> samples = env
                .fromSource(source(o), WatermarkStrategy.noWatermarks(), "samples")
                .uid("samples-source")
                .process(new DecodeFunction(o), OutputTypes.LABELED_SAMPLE)
                .uid("decode")
                .name("decode");
        DataStream<OutputRecord> learned = samples
                .keyBy(LabeledSample::getLearnerKey)
                .transform("learner", OutputTypes.OUTPUT_RECORD, new LearnerOperator(new LearnerFunction(o, factory)))
                .uid("learner")
                .name("learner");
        learned.union(samples.getSideOutput(DecodeFunction.DEAD_LETTERS))
                .sinkTo(sink(o))
                .uid("outputs")
                .name("outputs");
    }

    static KafkaSource<SourceRecord> source(JobOptions o) {
        KafkaSourceBuilder<SourceRecord> b = KafkaSource.<SourceRecord>builder()
                .setProperties(JobClients.source(o))
                .setTopics(o.samplesTopic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SourceRecordSchema());
        if (o.bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static KafkaSink<OutputRecord> sink(JobOptions o) {
        return KafkaSink.<OutputRecord>builder()
                .setKafkaProducerConfig(JobClients.sink(o))
                .setRecordSerializer(new OutputRecordSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix)
                .build();
    }
}
