package dev.driftwise.cli.demo;

import dev.driftwise.streams.cli.ScenarioCatalog;
import dev.driftwise.streams.scenario.Scenario;
import dev.driftwise.streams.scenario.Scenarios;
import dev.driftwise.streams.scenario.SpecScenario;
import java.util.List;

/**
 * The generator's scenarios for the in-process {@code gen} run. (streams-gen's own catalog is
 * package-private; this one only delegates to its public library.)
 */
final class DemoScenarios implements ScenarioCatalog {

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
}
