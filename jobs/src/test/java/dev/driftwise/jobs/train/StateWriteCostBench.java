package dev.driftwise.jobs.train;

import dev.driftwise.jobs.decode.LabeledSample;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.LearnerSettings;
import dev.driftwise.jobs.source.SourceRecord;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What writing a key's state at every micro-batch costs (the job's choice) against keeping it live and
 * writing it only at checkpoints: the trainer's step time with and without encoding the learner's and the
 * trainer's bytes after each step. Not a test: run by hand with
 * {@code mvn -B -o -pl jobs -am test -Dtest=StateWriteCostBench -Djobs.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "jobs.bench", matches = "true")
class StateWriteCostBench {

    @Test
    void perBatchStateWrites() {
        System.out.println("| model | micro-batch | µs/batch learning only | µs/batch + state bytes | state bytes | overhead |");
        System.out.println("|---|---|---|---|---|---|");
        for (String model : new String[] {"linear:20", "mlp:100-128-10"}) {
            int d = model.startsWith("linear") ? 20 : 100;
            for (int batch : new int[] {1, 32, 256}) {
                int samples = batch == 1 ? 4_000 : 40_000;
                measure(model, d, batch, samples, false); // warm-up
                double plain = measure(model, d, batch, samples, false);
                double withState = measure(model, d, batch, samples, true);
                int bytes = size(model, d, batch);
                System.out.printf("| %s | %d | %.1f | %.1f | %d | %.0f%% |%n", model, batch, plain, withState, bytes,
                        100 * (withState - plain) / plain);
            }
        }
    }

    /** What reading the step sizes after every step (for the meta-gradient window) costs. */
    @Test
    void stepSizeReads() {
        for (String model : new String[] {"linear:20", "mlp:100-128-10"}) {
            int d = model.startsWith("linear") ? 20 : 100;
            LearnerSettings settings = new LearnerSettings(model, "metaoptimize(base=adam,meta=lion,blocks=per-layer,alpha0=0.001)", 32, "cpu", "auto", 1000, 0.999);
            try (var learner = new Learners().create(settings)) {
                LabeledSample[] in = samples(d, 32);
                var batch = learner.newBatch(32);
                for (int i = 0; i < 32; i++) {
                    batch.add(in[i].features, in[i].target);
                }
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 500; i++) {
                        learner.learn(batch);
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < 500; i++) {
                        learner.learn(batch);
                        learner.status().stepSizes();
                    }
                    long t2 = System.nanoTime();
                    System.out.printf("%s b=32: learn %.1f µs/step, learn + stepSizes %.1f µs/step%n", model,
                            (t1 - t0) / 500e3, (t2 - t1) / 500e3);
                }
            }
        }
    }

    private static double measure(String model, int d, int batch, int samples, boolean writeState) {
        LearnerSettings settings = new LearnerSettings(model, "metaoptimize(base=adam,meta=lion,blocks=per-layer,alpha0=0.001)", batch, "cpu", "auto", 1000, 0.999);
        try (StreamTrainer t = new StreamTrainer("k", new Learners().create(settings), batch,
                new Cadence(1_000_000, 1_000_000, 1_000_000, 1000, 0.999, "in"))) {
            LabeledSample[] input = samples(d, samples);
            RecordingEvents ev = new RecordingEvents();
            long start = System.nanoTime();
            long sink = 0;
            for (LabeledSample s : input) {
                if (t.accept(s, ev) == StreamTrainer.Outcome.LEARNED && writeState) {
                    sink += t.learnerState().length + t.trainerState().length;
                }
            }
            long nanos = System.nanoTime() - start;
            if (sink < 0) {
                throw new AssertionError();
            }
            return nanos / 1000.0 / (samples / batch);
        }
    }

    private static int size(String model, int d, int batch) {
        LearnerSettings settings = new LearnerSettings(model, "metaoptimize(base=adam,meta=lion,blocks=per-layer,alpha0=0.001)", batch, "cpu", "auto", 1000, 0.999);
        try (StreamTrainer t = new StreamTrainer("k", new Learners().create(settings), batch,
                new Cadence(1_000_000, 1_000_000, 1_000_000, 1000, 0.999, "in"))) {
            for (LabeledSample s : samples(d, batch)) {
                t.accept(s, new RecordingEvents());
            }
            return t.learnerState().length + t.trainerState().length;
        }
    }

    private static LabeledSample[] samples(int d, int n) {
        SplittableRandom r = new SplittableRandom(9);
        LabeledSample[] out = new LabeledSample[n];
        SourceRecord src = new SourceRecord(null, new byte[0], "in", 0, 0);
        for (int i = 0; i < n; i++) {
            float[] x = new float[d];
            double y = 0;
            for (int j = 0; j < d; j++) {
                x[j] = (float) r.nextGaussian();
                y += (j % 3 - 1) * x[j];
            }
            double target = d == 100 ? Math.floorMod((int) Math.floor(y), 10) : y;
            out[i] = new LabeledSample("k", "k", i, x, target, -1, src);
        }
        return out;
    }
}
