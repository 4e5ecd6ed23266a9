package dev.driftwise.streams.cli;

import dev.driftwise.streams.scenario.Scenario;
import java.util.List;

/** The generator library's scenarios (built-ins and scenario files). TEMPORARY until the library lands. */
final class LibraryScenarios implements ScenarioCatalog {

    @Override
    public List<String> builtInNames() {
        return List.of();
    }

    @Override
    public Scenario load(String nameOrFile, long seed) {
        throw new IllegalArgumentException("'" + nameOrFile + "': this build has no scenario library yet");
    }
}
