package dev.driftwise.streams.family;

import dev.driftwise.streams.GeneratedSample;

/**
 * A learning task that exists in several concepts (a SEA threshold, a set of hyperplane weights,
 * an Agrawal function, a T1 sign vector, a T7 permutation) and draws a sample from any of them.
 * Drift shapes ({@code dev.driftwise.streams.drift}) decide which concept each sample comes from;
 * the family only knows how concept k behaves. Concept ids are 0-based. Not thread-safe.
 */
public interface TaskFamily {

    /** Concepts are unbounded: any id ≥ 0 is a concept. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** The family name used in scenario files. */
    String name();

    int featureCount();

    /** "regression", "binary" or "multiclass:&lt;k&gt;", as {@link dev.driftwise.streams.SampleStream#targetKind()}. */
    String targetKind();

    /** How many distinct concepts exist (ids 0 … count−1), or {@link #UNBOUNDED}. */
    default int conceptCount() {
        return UNBOUNDED;
    }

    /** Writes the features and target of one sample drawn from concept {@code conceptId}; allocates nothing. */
    void draw(int conceptId, GeneratedSample into);

    /** Whether an incremental drift can move this family's parameters continuously. */
    default boolean canMove() {
        return false;
    }

    /**
     * Moves the parameters of {@code conceptId} by one step of size {@code magnitude}; called after
     * each sample while an incremental drift is active (MOA generators move after every instance).
     */
    default void move(int conceptId, double magnitude) {
        throw new UnsupportedOperationException(name() + " has no parameters that move; use an abrupt or gradual drift");
    }
}
