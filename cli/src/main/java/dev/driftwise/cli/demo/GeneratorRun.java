package dev.driftwise.cli.demo;

import dev.driftwise.streams.cli.GenCommand;
import dev.driftwise.streams.cli.LibraryScenarios;
import dev.driftwise.streams.sink.OutageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * The generator ({@code driftwise gen}) on its own thread in this JVM, sending the scenario's
 * samples to the samples topic at the scenario's rates or {@code --rate}, until {@link #close()}.
 * It waits out a broker outage for as long as the demo runs (gen's {@code --outage-timeout}) and
 * tells {@code outages} about it.
 */
final class GeneratorRun implements AutoCloseable {

    private final GenCommand command = new GenCommand(new LibraryScenarios());
    private final Thread thread;
    private final AtomicInteger exitCode = new AtomicInteger(-1);

    /** @param kafkaArgs {@code --kafka-config} / {@code --kafka-property} arguments for the generator's clients */
    GeneratorRun(String scenario, Double rate, String bootstrap, String topic, Duration patience, OutageListener outages,
                 List<String> kafkaArgs) {
        List<String> args = new ArrayList<>(List.of("--scenario", scenario, "--bootstrap", bootstrap, "--topic", topic, "--no-progress",
                "--outage-timeout", patience.toMillis() + "ms"));
        args.addAll(kafkaArgs);
        if (rate != null) {
            args.addAll(List.of("--rate", Double.toString(rate)));
        }
        command.reportOutagesTo(outages);
        CommandLine cli = GenCommand.commandLine(command);
        thread = new Thread(() -> exitCode.set(cli.execute(args.toArray(String[]::new))), "demo-generator");
        thread.setDaemon(true);
        thread.start();
    }

    /** True when the generator stopped by itself (a failure: it runs until asked to stop). */
    boolean failed() {
        return !thread.isAlive() && exitCode.get() != 0;
    }

    int exitCode() {
        return exitCode.get();
    }

    @Override
    public void close() {
        command.requestStop();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
