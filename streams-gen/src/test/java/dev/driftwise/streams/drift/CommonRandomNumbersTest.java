package dev.driftwise.streams.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.family.RotatingHyperplane;
import dev.driftwise.streams.family.Sea;
import dev.driftwise.streams.family.StreamRandoms;
import dev.driftwise.streams.family.TaskFamily;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Inputs, concept changes and noise come from separate substreams (benchmarks.md, common random
 * numbers): changing the noise level, the drift shape or the motion leaves the inputs untouched.
 */
class CommonRandomNumbersTest {

    private static final int N = 20_000;

    private static float[][] features(long seed, Function<StreamRandoms, DriftingStream> build, int width) {
        DriftingStream stream = build.apply(new StreamRandoms(seed));
        GeneratedSample s = new GeneratedSample(width);
        float[][] out = new float[N][];
        for (int j = 0; j < N; j++) {
            stream.next(s);
            out[j] = s.features.clone();
        }
        return out;
    }

    private static DriftingStream sea(StreamRandoms r, double noise, ConceptSchedule schedule) {
        TaskFamily family = new Sea(new double[] {8, 9, 7, 9.5}, noise, 1, r);
        return new DriftingStream("sea", 0, family, schedule, List.of(), r.drift);
    }

    @Test
    void noiseLevelAndDriftShapeDoNotShiftTheInputs() {
        ConceptSchedule abrupt = ConceptSchedule.at(0, new long[] {5_000, 12_000}, new int[] {1, 2}, 0);
        ConceptSchedule gradual = ConceptSchedule.at(0, new long[] {5_000, 12_000}, new int[] {1, 2}, 2_000);
        float[][] reference = features(9, r -> sea(r, 0.10, abrupt), 3);
        assertArrayEquals(reference, features(9, r -> sea(r, 0.30, abrupt), 3), "noise 10 % vs 30 %");
        assertArrayEquals(reference, features(9, r -> sea(r, 0.10, gradual), 3), "abrupt vs gradual drift");
        assertArrayEquals(reference, features(9, r -> sea(r, 0.10, ConceptSchedule.stationary(0)), 3), "drift vs none");
        assertNotEquals(reference[0][0], features(10, r -> sea(r, 0.10, abrupt), 3)[0][0], "another seed, other inputs");
    }

    @Test
    void hyperplaneMotionDoesNotShiftTheInputs() {
        Function<StreamRandoms, DriftingStream> still = r ->
                new DriftingStream("hp", 0, new RotatingHyperplane(10, 2, 0.05, 0.1, r), ConceptSchedule.stationary(0), List.of(), r.drift);
        Function<StreamRandoms, DriftingStream> moving = r ->
                new DriftingStream("hp", 0, new RotatingHyperplane(10, 2, 0.05, 0.1, r), ConceptSchedule.stationary(0),
                        List.of(new MotionWindow(0, ConceptSchedule.NEVER, 0.001)), r.drift);
        assertArrayEquals(features(3, still, 10), features(3, moving, 10), "rotation draws come from the drift substream");
    }
}
