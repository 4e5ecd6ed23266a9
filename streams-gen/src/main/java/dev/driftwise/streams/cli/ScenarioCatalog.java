package dev.driftwise.streams.cli;

import dev.driftwise.streams.scenario.Scenario;
import java.util.List;

/** Where {@code --scenario NAME|FILE} is looked up: the built-in scenarios, or a scenario file. */
public interface ScenarioCatalog {

    /** Names accepted by {@code --scenario}, for help and error messages. */
    List<String> builtInNames();

    /**
     * The scenario named {@code nameOrFile} (a built-in name, or the path of a scenario file).
     *
     * @param seedOverride replaces the scenario's own seed, or null to keep it
     * @throws IllegalArgumentException the name is unknown or the file is not a valid scenario;
     *                                  the message says why and what is accepted
     */
    Scenario load(String nameOrFile, Long seedOverride);

    /** The seed in effect for a scenario this catalog loaded, for provenance. */
    long seedOf(Scenario scenario);

    /** One line about the scenario for {@code --list-scenarios}, or empty. */
    default String describe(Scenario scenario) {
        return "";
    }
}
