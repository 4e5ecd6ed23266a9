package dev.driftwise.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.decode.RejectReason;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.learner.Learner;
import dev.driftwise.jobs.source.SourceRecord;
import dev.driftwise.jobs.train.StreamTrainer.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer with the real learner (linear or softmax regression, fixed-step SGD, JVM engine). */
class StreamTrainerTest {

    private static final Cadence CADENCE = new Cadence(3, 2, 20, 10, 0.9, "in");
    private static final int D = 3;

    private static Learner learner(String model, double lr) {
        return new Learners().create(new LearnerSettings(model, "sgd(lr=" + lr + ")", 4, "cpu", "jvm", 10, 0.9));
    }

    @Test
    void batchesCloseOnTheCountAndPublishOnTheCadence() {
        StreamTrainer t = trainer(4);
        RecordingEvents ev = new RecordingEvents();
        List<Outcome> outcomes = new ArrayList<>();
        for (LabeledSample s : samples(26, 1)) {
            outcomes.add(t.accept(s, ev));
        }
        for (int i = 0; i < 26; i++) {
            assertEquals((i + 1) % 4 == 0 ? Outcome.LEARNED : Outcome.BUFFERED, outcomes.get(i), "sample " + i);
        }
        assertEquals(6, t.learner().status().steps());
        assertEquals(2, t.openBatchSize());
        assertEquals(24, t.samplesSeen());
        // snapshots at steps 3 and 6, step sizes at 2, 4, 6, metrics once 20 samples passed (at 20)
        assertEquals(List.of(1L, 2L), ev.models.stream().map(ModelUpdate::version).toList());
        assertEquals(List.of(3L, 6L), ev.models.stream().map(ModelUpdate::step).toList());
        assertEquals(List.of(1L, 2L, 3L), ev.stepSizes.stream().map(StepSizeUpdate::version).toList());
        assertEquals(List.of(20L), ev.metrics.stream().map(MetricsUpdate::samplesSeen).toList());
        assertEquals(java.util.Map.of(0, 24L), ev.models.get(1).nextOffsets(), "offsets: next to read after sample 23");
    }

    @Test
    void aRestoredTrainerContinuesBitForBitWithoutRepeatingAVersion() {
        List<LabeledSample> input = samples(200, 2);
        StreamTrainer whole = trainer(8);
        RecordingEvents wholeEvents = new RecordingEvents();
        StreamTrainer first = trainer(8);
        RecordingEvents firstEvents = new RecordingEvents();
        int cut = 77; // inside a micro-batch: the open batch must travel too
        for (int i = 0; i < input.size(); i++) {
            whole.accept(input.get(i), wholeEvents);
            if (i < cut) {
                first.accept(input.get(i), firstEvents);
            }
        }
        List<PendingSample> open = first.openBatch();
        assertEquals(cut % 8, open.size(), "open micro-batch as a checkpoint stores it");
        assertEquals(input.get(cut - 1).source.offset, open.get(open.size() - 1).offset);
        StreamTrainer second = trainer(8);
        second.restore(first.learnerState(), first.trainerState(), open);
        RecordingEvents secondEvents = new RecordingEvents();
        for (int i = cut; i < input.size(); i++) {
            second.accept(input.get(i), secondEvents);
        }
        second.finish(secondEvents);
        whole.finish(wholeEvents);

        List<Long> versions = new ArrayList<>();
        firstEvents.models.forEach(m -> versions.add(m.version()));
        secondEvents.models.forEach(m -> versions.add(m.version()));
        assertEquals(wholeEvents.models.stream().map(ModelUpdate::version).toList(), versions, "model versions");
        for (int i = 0; i < versions.size(); i++) {
            ModelUpdate expected = wholeEvents.models.get(i);
            ModelUpdate got = i < firstEvents.models.size() ? firstEvents.models.get(i)
                    : secondEvents.models.get(i - firstEvents.models.size());
            assertEquals(expected.step(), got.step());
            for (int p = 0; p < expected.tensors().size(); p++) {
                assertArrayEquals(expected.tensors().get(p).data(), got.tensors().get(p).data(), "version " + expected.version());
            }
            assertEquals(expected.summary(), got.summary(), "metric summary of version " + expected.version());
        }
        assertArrayEquals(whole.learnerState(), second.learnerState(), "final learner state");
        assertArrayEquals(whole.trainerState(), second.trainerState(), "final trainer state");
    }

    @Test
    void aRestoredClassifierContinuesItsAccuracyBitForBit() {
        SplittableRandom r = new SplittableRandom(6);
        List<LabeledSample> input = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            float[] x = {(float) r.nextDouble(-1, 1), (float) r.nextDouble(-1, 1), (float) r.nextDouble(-1, 1)};
            input.add(sample(x, x[0] > 0 ? (x[1] > 0 ? 2 : 1) : 0, i));
        }
        StreamTrainer whole = new StreamTrainer("s", learner("softmax:3:3", 0.5), 4, CADENCE);
        StreamTrainer first = new StreamTrainer("s", learner("softmax:3:3", 0.5), 4, CADENCE);
        RecordingEvents wholeEvents = new RecordingEvents();
        RecordingEvents splitEvents = new RecordingEvents();
        int cut = 53;
        for (int i = 0; i < input.size(); i++) {
            whole.accept(input.get(i), wholeEvents);
            if (i < cut) {
                first.accept(input.get(i), splitEvents);
            }
        }
        StreamTrainer second = new StreamTrainer("s", learner("softmax:3:3", 0.5), 4, CADENCE);
        second.restore(first.learnerState(), first.trainerState(), first.openBatch());
        for (int i = cut; i < input.size(); i++) {
            second.accept(input.get(i), splitEvents);
        }
        assertEquals(wholeEvents.metrics, splitEvents.metrics.stream().map(m -> withRate(m, wholeEvents.metrics)).toList(),
                "metrics updates (rate aside) across the restore");
        assertTrue(wholeEvents.metrics.stream().allMatch(m -> m.windowAccuracy() != null && m.windowAccuracy() > 0.3),
                "a learning classifier reports its window accuracy: " + wholeEvents.metrics);
        assertEquals(wholeEvents.models.stream().map(ModelUpdate::summary).toList(),
                splitEvents.models.stream().map(ModelUpdate::summary).toList(), "model summaries");
        assertArrayEquals(whole.trainerState(), second.trainerState(), "final trainer state");
    }

    /** The update with its rate taken from the uninterrupted run's update of the same step (rate is wall-clock). */
    private static MetricsUpdate withRate(MetricsUpdate m, List<MetricsUpdate> reference) {
        double rate = reference.stream().filter(x -> x.step() == m.step()).findFirst().map(MetricsUpdate::samplesPerSecond)
                .orElse(m.samplesPerSecond());
        return new MetricsUpdate(m.key(), m.step(), m.samplesSeen(), m.windowSize(), m.windowLoss(), m.fadingFactor(),
                m.fadingLoss(), m.windowAccuracy(), m.fadingAccuracy(), rate, m.conceptId(), m.deadLetters());
    }

    @Test
    void badSamplesBecomeDeadLettersAndNeverReachAWeight() {
        StreamTrainer clean = trainer(4);
        StreamTrainer dirty = trainer(4);
        RecordingEvents ev = new RecordingEvents();
        List<LabeledSample> good = samples(40, 3);
        List<LabeledSample> bad = List.of(
                sample(new float[] {1, 2}, 0.5, 100),
                sample(new float[] {1, Float.NaN, 0}, 0.5, 101),
                sample(new float[] {1, 0, Float.POSITIVE_INFINITY}, 0.5, 102),
                sample(new float[] {1, 0, 0}, Double.NaN, 103));
        for (int i = 0; i < good.size(); i++) {
            clean.accept(good.get(i), new RecordingEvents());
            dirty.accept(good.get(i), ev);
            if (i % 10 == 3) {
                assertEquals(Outcome.REJECTED, dirty.accept(bad.get(i / 10), ev));
            }
        }
        assertEquals(List.of(RejectReason.WRONG_FEATURE_COUNT, RejectReason.NON_FINITE, RejectReason.NON_FINITE,
                RejectReason.NON_FINITE), ev.deadLetters.stream().map(r -> r.reason()).toList());
        assertEquals(List.of(100L, 101L, 102L, 103L), ev.deadLetters.stream().map(r -> r.source().offset).toList());
        String countDetail = ev.deadLetters.get(0).detail();
        assertTrue(countDetail.contains("got 2 features, the model takes 3") && countDetail.contains("stream s")
                && countDetail.contains("--stream.s.model"), "want count, stream and flag hint in: " + countDetail);
        assertTrue(ev.deadLetters.get(1).detail().contains("feature 1 is NaN"), ev.deadLetters.get(1).detail());
        assertTrue(ev.deadLetters.get(3).detail().contains("target is NaN"), ev.deadLetters.get(3).detail());
        assertEquals(4, dirty.deadLetters());
        assertArrayEquals(clean.learnerState(), dirty.learnerState(), "bad samples changed the model");
    }

    @Test
    void classIndicesOutsideTheClassifierAreRejected() {
        StreamTrainer t = new StreamTrainer("c", learner("softmax:3:3", 0.1), 2, CADENCE);
        RecordingEvents ev = new RecordingEvents();
        assertEquals(Outcome.BUFFERED, t.accept(sample(new float[] {1, 0, 0}, 2, 0), ev));
        for (double bad : new double[] {3, -1, 1.5}) {
            assertEquals(Outcome.REJECTED, t.accept(sample(new float[] {1, 0, 0}, bad, 1), ev), "target " + bad);
        }
        assertTrue(ev.deadLetters.stream().allMatch(r -> r.reason() == RejectReason.CLASS_OUT_OF_RANGE));
        assertEquals(3, ev.deadLetters.size(), "rejections");
        String detail = ev.deadLetters.get(0).detail();
        assertTrue(detail.contains("target 3.0 is not a class index") && detail.contains("0..2")
                && detail.contains("\"model\":\"softmax\"") && detail.contains("--stream.s.model"),
                "want value, allowed range, model and flag hint in: " + detail);
    }

    @Test
    void finishLearnsTheOpenBatchAndPublishesTheFinalModelOnce() {
        // metrics every 8 samples, so the 14 samples publish metrics whose accuracy can be checked
        StreamTrainer t = new StreamTrainer("s", learner("linear:3", 0.05), 4, new Cadence(3, 2, 8, 10, 0.9, "in"));
        RecordingEvents ev = new RecordingEvents();
        samples(14, 4).forEach(s -> t.accept(s, ev));
        assertEquals(1, ev.models.size());
        assertTrue(t.finish(ev));
        assertEquals(4, t.learner().status().steps(), "the 2 open samples make a 4th, partial step");
        assertEquals(2, ev.models.size());
        assertEquals(14, ev.models.get(1).samplesSeen());
        assertFalse(t.finish(ev), "nothing new to publish");
        assertEquals(2, ev.models.size());
        assertEquals(List.of(8L), ev.metrics.stream().map(MetricsUpdate::samplesSeen).toList(), "metrics after 8 samples");
        assertNull(ev.metrics.get(0).windowAccuracy(), "regression has no accuracy");
        assertTrue(ev.metrics.get(0).windowLoss() > 0, "the learner's own window loss: " + ev.metrics.get(0));
    }

    private static StreamTrainer trainer(int batch) {
        return new StreamTrainer("s", learner("linear:3", 0.05), batch, CADENCE);
    }

    private static List<LabeledSample> samples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = {(float) r.nextDouble(-1, 1), (float) r.nextDouble(-1, 1), (float) r.nextDouble(-1, 1)};
            out.add(sample(x, 2 * x[0] - x[1] + 0.5 * x[2] + 0.3, i));
        }
        return out;
    }

    private static LabeledSample sample(float[] x, double y, long offset) {
        return new LabeledSample("s", "s", offset, x, y, -1, new SourceRecord(null, new byte[] {1}, "in", 0, offset));
    }
}
