package dev.driftwise.bench.harness.task;

/**
 * Named inputs whose step sizes a task reports together (T1: the 5 relevant and 15 irrelevant
 * inputs; T6: a1, a2 and the irrelevant a3). Indices are rows of the first layer's weight, i.e.
 * feature indices for a one-output model.
 */
public record WeightGroup(String name, int[] features) {

    public static WeightGroup range(String name, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return new WeightGroup(name, idx);
    }
}
