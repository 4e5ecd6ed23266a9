package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand, not part of the suite: how fast {@code gen} fills an in-process broker.
 * <pre>
 * mvn -B -q -ntp -o -pl streams-gen -am test -Dtest=GenBrokerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgen.bench=true -Dgen.bench.count=1000000 -Dgen.bench.scenario=sutton
 * </pre>
 * Prints the command's summary line for an unpaced run and for a run paced at {@code gen.bench.rate}.
 */
@EnabledIfSystemProperty(named = "gen.bench", matches = "true")
class GenBrokerBenchmark {

    @Test
    void throughputIntoAnEmbeddedBroker() throws Exception {
        String count = System.getProperty("gen.bench.count", "1000000");
        String scenario = System.getProperty("gen.bench.scenario", "sutton");
        String rate = System.getProperty("gen.bench.rate", "20000");
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            Run unpaced = Run.genWithLibrary("--scenario", scenario, "--count", count, "--no-rate-limit",
                    "--bootstrap", kafka.bootstrap(), "--topic", "bench-unpaced", "--no-progress");
            assertEquals(0, unpaced.exitCode(), unpaced.toString());
            System.out.println("BENCH unpaced: " + unpaced.err().lines().reduce((a, b) -> b).orElse(""));
            Run paced = Run.genWithLibrary("--scenario", scenario, "--duration", "10s", "--rate", rate,
                    "--bootstrap", kafka.bootstrap(), "--topic", "bench-paced", "--no-progress");
            assertEquals(0, paced.exitCode(), paced.toString());
            System.out.println("BENCH paced at " + rate + "/s: " + paced.err().lines().reduce((a, b) -> b).orElse(""));
        }
    }
}
