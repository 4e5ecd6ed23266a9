package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.Rejection;
import java.util.ArrayList;
import java.util.List;

/** Collects a trainer's events in order, for assertions. */
final class RecordingEvents implements TrainingEvents {

    final List<Object> all = new ArrayList<>();
    final List<ModelUpdate> models = new ArrayList<>();
    final List<StepSizeUpdate> stepSizes = new ArrayList<>();
    final List<MetricsUpdate> metrics = new ArrayList<>();
    final List<Rejection> deadLetters = new ArrayList<>();

    @Override
    public void deadLetter(Rejection r) {
        deadLetters.add(r);
        all.add(r);
    }

    @Override
    public void model(ModelUpdate u) {
        models.add(u);
        all.add(u);
    }

    @Override
    public void stepSizes(StepSizeUpdate u) {
        stepSizes.add(u);
        all.add(u);
    }

    @Override
    public void metrics(MetricsUpdate u) {
        metrics.add(u);
        all.add(u);
    }
}
