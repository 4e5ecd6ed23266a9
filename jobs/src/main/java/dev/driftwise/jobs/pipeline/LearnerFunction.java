package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.learn.LearnerFactory;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.publish.OutputRecord;
import dev.driftwise.jobs.publish.RecordEncoder;
import dev.driftwise.jobs.train.Cadence;
import dev.driftwise.jobs.train.PendingSample;
import dev.driftwise.jobs.train.StreamTrainer;
import dev.driftwise.schemas.wire.WireCodec;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hosts one {@link StreamTrainer} per learner key. Live learners stay in memory between records; the
 * keys that changed since the last checkpoint are remembered, and {@link LearnerOperator} has them write
 * their bytes (learner, trainer, open micro-batch) into keyed state when a checkpoint is taken. A key
 * seen for the first time in this task (new job, restore, rescale) is rebuilt from its state. All
 * logic lives in the trainer. Run it with {@link LearnerOperator}: without it nothing is stored.
 */
public final class LearnerFunction extends KeyedProcessFunction<String, LabeledSample, OutputRecord> {

    private static final long serialVersionUID = 1L;
    /** Event-time timer that fires when a bounded input ends (its final watermark is Long.MAX_VALUE). */
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final JobOptions options;
    private final LearnerFactory factory;

    private transient ValueState<byte[]> learnerState;
    private transient ValueState<byte[]> trainerState;
    private transient ListState<PendingSample> openBatch;
    private transient Map<String, StreamTrainer> trainers;
    private transient Map<String, LearnerMetrics> metrics;
    private transient EncodingEvents events;
    private transient Set<String> changed;

    public LearnerFunction(JobOptions options, LearnerFactory factory) {
        this.options = options;
        this.factory = factory;
    }

    @Override
    public void open(OpenContext openContext) {
        learnerState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("learner", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        trainerState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("trainer", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        openBatch = getRuntimeContext().getListState(new ListStateDescriptor<>("open-batch", OutputTypes.PENDING_SAMPLE));
        trainers = new HashMap<>();
        metrics = new HashMap<>();
        changed = new LinkedHashSet<>();
        var producer = RecordEncoder.identity(getRuntimeContext().getJobInfo().getJobId().toString());
        events = new EncodingEvents(options, new RecordEncoder(WireCodec.standard(), producer, options.maxMessageBytes));
    }

    @Override
    public void processElement(LabeledSample sample, Context ctx, Collector<OutputRecord> out) throws Exception {
        String key = ctx.getCurrentKey();
        StreamTrainer trainer = trainerFor(key, ctx);
        trainer.accept(sample, events.to(out, metrics.get(key)));
        changed.add(key);
        metrics.get(key).update();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        if (timestamp == END_OF_INPUT) {
            String key = ctx.getCurrentKey();
            StreamTrainer trainer = trainerFor(key, ctx);
            if (trainer.finish(events.to(out, metrics.get(key)))) {
                changed.add(key);
            }
            metrics.get(key).update();
        }
    }

    private StreamTrainer trainerFor(String key, Context ctx) throws Exception {
        StreamTrainer trainer = trainers.get(key);
        if (trainer == null) {
            var settings = options.settingsFor(key);
            trainer = new StreamTrainer(key, factory.create(settings), settings.microBatch(), Cadence.of(options));
            trainer.restore(learnerState.value(), trainerState.value(), openBatch.get());
            trainers.put(key, trainer);
            metrics.put(key, new LearnerMetrics(getRuntimeContext().getMetricGroup(), trainer));
            if (options.bounded) {
                ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
            }
        }
        return trainer;
    }

    /**
     * Writes every changed learner's state under its key; called by {@link LearnerOperator} before the
     * keyed state backend is snapshotted.
     *
     * @param setKey switches the keyed-state context to a key
     */
    void writeChangedState(Consumer<String> setKey) throws Exception {
        for (String key : changed) {
            StreamTrainer trainer = trainers.get(key);
            setKey.accept(key);
            learnerState.update(trainer.learnerState());
            trainerState.update(trainer.trainerState());
            openBatch.update(trainer.openBatch());
        }
        changed.clear();
    }

    @Override
    public void close() {
        if (trainers != null) {
            trainers.values().forEach(StreamTrainer::close);
            trainers.clear();
        }
    }
}
