package dev.driftwise.jobs.pipeline;

import dev.driftwise.jobs.train.StreamTrainer;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Flink metrics of one learner, under the group {@code stream.<key>}: samples, deadLetters (counters),
 * windowLoss and alpha per step-size block (gauges), stepTimeMicros (histogram).
 */
final class LearnerMetrics {

    private final MetricGroup group;
    private final StreamTrainer trainer;
    private final Counter samples;
    private final Counter deadLetters;
    private final Histogram stepTime;
    private final Map<String, Double> alphas = new HashMap<>();

    LearnerMetrics(MetricGroup operatorGroup, StreamTrainer trainer) {
        this.group = operatorGroup.addGroup("stream", trainer.key());
        this.trainer = trainer;
        this.samples = group.counter("samples");
        this.deadLetters = group.counter("deadLetters");
        this.stepTime = group.histogram("stepTimeMicros", new DescriptiveStatisticsHistogram(1000));
        group.gauge("windowLoss", trainer::windowLoss);
        group.gauge("modelVersion", trainer::modelVersion);
    }

    /** Counters catch up with the trainer's (which survive restores; Flink counters start at zero). */
    void update() {
        samples.inc(trainer.samplesSeen() - samples.getCount());
        deadLetters.inc(trainer.deadLetters() - deadLetters.getCount());
    }

    void stepTime(long nanos) {
        stepTime.update(nanos / 1000);
    }

    void stepSizes(List<BlockStepSize> blocks) {
        for (BlockStepSize b : blocks) {
            if (alphas.put(b.block(), b.alpha()) == null) {
                String name = b.block();
                group.addGroup("block", name).gauge("alpha", () -> alphas.get(name));
            }
        }
    }
}
