package dev.driftwise.cli.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The services started as processes, each with its output in a log file; closing stops them all (SIGTERM, then kill). */
final class ServiceProcesses implements AutoCloseable {

    private final Path logs;
    private final Map<String, Process> running = new LinkedHashMap<>();

    ServiceProcesses(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    void start(String service, List<String> command, Map<String, String> environment) throws IOException {
        Path log = logs.resolve(service + ".log");
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        running.put(service, pb.start());
    }

    Map<String, Process> all() {
        return running;
    }

    /** The last lines each service printed, for a failure message. */
    String tails(int lines) {
        StringBuilder b = new StringBuilder();
        for (String service : running.keySet()) {
            Process p = running.get(service);
            b.append("\n--- ").append(service).append(p.isAlive() ? " (running)" : " (exited " + p.exitValue() + ")").append('\n');
            try {
                List<String> all = Files.readAllLines(logs.resolve(service + ".log"), StandardCharsets.UTF_8);
                all.subList(Math.max(1, all.size() - lines), all.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running.values().forEach(Process::destroy);
        for (Process p : running.values()) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
