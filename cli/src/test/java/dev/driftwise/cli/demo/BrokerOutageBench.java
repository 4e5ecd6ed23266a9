package dev.driftwise.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.cli.broker.LocalKafkaBroker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * By hand, not part of the suite: the scenario through the launcher. {@code ./driftwise demo}
 * and {@code ./driftwise gen} as child processes on a broker that is stopped (SIGTERM) after
 * {@code at} seconds and restarted {@code seconds} later on the same data; both must end with exit 0
 * and every stream must keep every seq exactly once on both topics.
 * <pre>
 * export MAVEN_OPTS="-Dmaven.repo.local=$HOME/.m2/repository"     # the launcher builds on first use
 * mvn -B -q -o -pl cli -am install -DskipTests
 * mvn -B -o -pl cli test -Dtest=BrokerOutageBench -Dsurefire.failIfNoSpecifiedTests=false -Doutage.bench=true \
 *     -Doutage.bench.at=50 -Doutage.bench.seconds=20 -Doutage.bench.duration=170 -Doutage.bench.rate=600
 * </pre>
 * The two processes' output is printed at the end.
 */
@EnabledIfSystemProperty(named = "outage.bench", matches = "true")
class BrokerOutageBench {

    @Test
    void demoAndGenThroughABrokerOutage(@TempDir Path tmp) throws Exception {
        long at = Long.getLong("outage.bench.at", 50);
        long seconds = Long.getLong("outage.bench.seconds", 20);
        long duration = Long.getLong("outage.bench.duration", 170);
        String rate = System.getProperty("outage.bench.rate", "600");
        Path root = Path.of(System.getProperty("user.dir")).getParent();   // surefire runs in the module folder
        try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
            Path demoOut = tmp.resolve("demo.txt");
            Path genOut = tmp.resolve("gen.txt");
            Process demo = launch(root, demoOut, "demo", "--bootstrap", broker.bootstrap(), "--rate", rate, "--duration", duration + "s",
                    "--report-dir", tmp.resolve("report").toString());
            Process gen = launch(root, genOut, "gen", "--bootstrap", broker.bootstrap(), "--rate", rate, "--duration", duration + "s",
                    "--topic", "outage-bench-gen", "--progress");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.readString(demoOut).contains("running locally") && demo.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(at * 1000);
            long stop = System.nanoTime();
            broker.stop();
            System.out.printf("BENCH broker stopped at %d s (stop took %.1f s)%n", at, (System.nanoTime() - stop) / 1e9);
            Thread.sleep(seconds * 1000);
            long restart = System.nanoTime();
            broker.restart();
            System.out.printf("BENCH broker answers again %.1f s after the stop (restart took %.1f s)%n",
                    (System.nanoTime() - stop) / 1e9, (System.nanoTime() - restart) / 1e9);
            boolean demoEnded = demo.waitFor(duration + 300, TimeUnit.SECONDS);
            boolean genEnded = gen.waitFor(120, TimeUnit.SECONDS);
            System.out.println("BENCH ---- ./driftwise demo\n" + Files.readString(demoOut) + "\nBENCH ---- ./driftwise gen (last 40 lines)");
            List<String> genLines = Files.readAllLines(genOut);
            genLines.subList(Math.max(0, genLines.size() - 40), genLines.size()).forEach(System.out::println);
            assertEquals(List.of(true, true), List.of(demoEnded, genEnded), "processes ended");
            assertEquals(0, demo.exitValue(), "demo exit code");
            assertEquals(0, gen.exitValue(), "gen exit code");
            BrokerOutageTest.assertEverySeqOnce(broker.bootstrap(), DemoSettings.SAMPLES_TOPIC, -1);
            BrokerOutageTest.assertEverySeqOnce(broker.bootstrap(), "outage-bench-gen", -1);
        }
    }

    private static Process launch(Path root, Path output, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("driftwise").toString()));
        cmd.addAll(List.of(args));
        File out = output.toFile();
        return new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(out).start();
    }
}
