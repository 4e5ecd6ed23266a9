package dev.driftwise.streams.cli;

import dev.driftwise.streams.scenario.Scenario;
import java.io.IOException;
import java.util.List;

/** Where {@code --scenario NAME|FILE} is looked up: the built-in scenarios, or a scenario file. */
public interface ScenarioCatalog {

    /** Names accepted by {@code --scenario}, for help and error messages. */
    List<String> builtInNames();

    /**
     * The scenario named {@code nameOrFile} (a built-in name, or the path of a scenario file), its
     * streams seeded from {@code seed}.
     *
     * @throws IllegalArgumentException the name is unknown or the file is not a valid scenario;
     *                                  the message says why and what is accepted
     */
    Scenario load(String nameOrFile, long seed) throws IOException;
}
