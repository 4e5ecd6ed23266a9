package dev.driftwise.streams.cli;

import dev.driftwise.streams.scenario.Scenario;
import dev.driftwise.streams.scenario.Scenarios;
import dev.driftwise.streams.scenario.SpecScenario;
import java.util.List;

/** The generator library's scenarios: the built-ins shipped with streams-gen, or a JSON scenario file. */
public final class LibraryScenarios implements ScenarioCatalog {

    @Override
    public List<String> builtInNames() {
        return Scenarios.BUILT_IN;
    }

    @Override
    public Scenario load(String nameOrFile, Long seedOverride) {
        return Scenarios.load(nameOrFile, seedOverride);
    }

    @Override
    public long seedOf(Scenario scenario) {
        return ((SpecScenario) scenario).seed();
    }

    @Override
    public String describe(Scenario scenario) {
        return ((SpecScenario) scenario).description();
    }
}
