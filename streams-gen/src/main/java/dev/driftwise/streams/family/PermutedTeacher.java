package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;
import java.util.SplittableRandom;

/**
 * T7, the permuted-input teacher: x ~ N(0, I_d); a fixed teacher U (k × d, entries N(0, 1/d)) labels
 * x by argmax(U x); the learner sees x permuted by π_c, where concept c is a fresh random permutation
 * (the teacher keeps the unpermuted x). "A fresh permutation every 10,000 samples" is the schedule
 * {@code {"type": "abrupt", "every": 10000}}. The label is computed from x as emitted (float).
 */
public final class PermutedTeacher implements TaskFamily {

    public static final String NAME = "permuted";
    private static final long TEACHER_KEY = -2;

    private final int features;
    private final int classes;
    private final double[][] teacher;
    private final double[][] teacherByInput; // Uᵀ: row i holds U[·][i]
    private final double[] scores;
    private final double[] x;
    private final StreamRandoms randoms;
    private final ConceptSlots<int[]> permutations;

    public PermutedTeacher(int features, int classes, StreamRandoms randoms) {
        this.features = features;
        this.classes = classes;
        this.randoms = randoms;
        this.x = new double[features];
        this.teacher = new double[classes][features];
        SplittableRandom r = randoms.forConcept(TEACHER_KEY);
        double std = 1.0 / Math.sqrt(features); // variance 1/d
        for (double[] row : teacher) {
            for (int i = 0; i < features; i++) {
                row[i] = std * r.nextGaussian();
            }
        }
        this.teacherByInput = new double[features][classes];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < features; i++) {
                teacherByInput[i][k] = teacher[k][i];
            }
        }
        this.scores = new double[classes];
        this.permutations = new ConceptSlots<>(() -> new int[features], this::fillPermutation);
    }

    static PermutedTeacher from(FamilyParams p, StreamRandoms randoms) {
        return new PermutedTeacher(p.integer("features", 100, 1, 100_000), p.integer("classes", 10, 2, 10_000), randoms);
    }

    @Override public String name() { return NAME; }
    @Override public int featureCount() { return features; }
    @Override public String targetKind() { return "multiclass:" + classes; }

    @Override
    public void draw(int conceptId, GeneratedSample into) {
        int[] pi = permutations.get(conceptId);
        SplittableRandom in = randoms.inputs;
        for (int i = 0; i < features; i++) {
            x[i] = (float) in.nextGaussian();
        }
        into.target = teacherLabel(x);
        float[] out = into.features;
        for (int i = 0; i < features; i++) {
            out[i] = (float) x[pi[i]];
        }
    }

    /**
     * argmax_k (U x)_k, on the unpermuted input. The k scores run side by side, input by input: each still sums over i in
     * order (the same label as one score at a time, bit for bit), but no add waits on the add before it.
     */
    int teacherLabel(double[] input) {
        java.util.Arrays.fill(scores, 0);
        for (int i = 0; i < features; i++) {
            double xi = input[i];
            double[] column = teacherByInput[i];
            for (int k = 0; k < classes; k++) {
                scores[k] += column[k] * xi;
            }
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            if (scores[k] > bestScore) {
                bestScore = scores[k];
                best = k;
            }
        }
        return best;
    }

    /** π of concept {@code conceptId}: learner feature i is x[π[i]] (a copy). */
    public int[] permutation(int conceptId) {
        return permutations.get(conceptId).clone();
    }

    private void fillPermutation(int id, int[] slot) {
        for (int i = 0; i < features; i++) {
            slot[i] = i;
        }
        SplittableRandom r = randoms.forConcept(id);
        for (int i = features - 1; i > 0; i--) { // Fisher–Yates
            int j = r.nextInt(i + 1);
            int t = slot[i];
            slot[i] = slot[j];
            slot[j] = t;
        }
    }
}
