package dev.driftwise.streams.family;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The task families a scenario can name, by their scenario-file name. */
public final class TaskFamilies {

    /** Builds a family from its parameters and the stream's random substreams. */
    @FunctionalInterface
    public interface Factory {
        TaskFamily create(FamilyParams params, StreamRandoms randoms);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(SuttonWeightFlipping.NAME, SuttonWeightFlipping::from);
        FACTORIES.put(LevelTracking.NAME, LevelTracking::from);
        FACTORIES.put(LinearRegression.NAME, LinearRegression::from);
        FACTORIES.put(RotatingHyperplane.NAME, RotatingHyperplane::from);
        FACTORIES.put(Sea.NAME, Sea::from);
        FACTORIES.put(PermutedTeacher.NAME, PermutedTeacher::from);
        FACTORIES.put(RandomRbf.NAME, RandomRbf::from);
        FACTORIES.put(Agrawal.NAME, Agrawal::from);
    }

    private TaskFamilies() {
    }

    /** sutton, level, linear, hyperplane, sea, permuted, rbf, agrawal. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** The family called {@code name}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static TaskFamily create(String name, FamilyParams params, StreamRandoms randoms) {
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown task family '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.create(params, randoms);
    }

    /** Whether {@code name} is a known family. */
    public static boolean exists(String name) {
        return FACTORIES.containsKey(name);
    }
}
