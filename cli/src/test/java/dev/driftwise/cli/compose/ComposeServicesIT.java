package dev.driftwise.cli.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.cli.broker.FreePorts;
import dev.driftwise.cli.broker.LocalKafkaBroker;
import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.scenario.Scenarios;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every service of docker-compose.yml run as a process on this machine, without a container engine: the
 * Kafka service is Kafka's own broker ({@link LocalKafkaBroker}); the JobManager and TaskManager are the local
 * executor of the submitter's {@code flink run} (Flink's own command-line front end, {@code -t local}, with the
 * daemons' FLINK_PROPERTIES and environment, the job jar in a child-first user class loader and the mounted DJL
 * jars as Flink's lib/); every {@code java -jar} service runs its jar from the build. Jar paths go through the
 * services' volumes to the build outputs, the Kafka addresses to the embedded broker, published ports to free ones.
 * A service whose command is none of these fails the test until it is taught here. Then: the generator writes,
 * the job learns and publishes, the dashboard serves every scenario stream with a model version and metrics, every
 * process is still up and every published port answers HTTP.
 */
@Timeout(600)
class ComposeServicesIT {

    private static final Path ROOT = ServiceCommands.ROOT;
    @Test
    void everyServiceRunsAsAProcessAndTheDashboardServesWhatTheJobWrote(@TempDir Path tmp) throws Exception {
        Map<String, ComposeService> services = load();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(); ServiceProcesses processes = new ServiceProcesses(ROOT.resolve("cli/target/compose-services"))) {
            Map<String, String> addresses = new LinkedHashMap<>();
            services.values().stream().filter(ComposeService::isKafka).forEach(k -> k.advertisedAddresses().forEach(a -> addresses.put(a, broker.bootstrap())));
            assertTrue(!addresses.isEmpty(), "no Kafka service with KAFKA_ADVERTISED_LISTENERS in docker-compose.yml");
            Map<String, Integer> httpPorts = new LinkedHashMap<>();
            for (ComposeService s : inStartOrder(services)) {
                if (s.isKafka() || s.isFlinkDaemon()) {
                    continue; // the embedded broker; the submitter's local executor
                }
                Map<Integer, Integer> ports = new LinkedHashMap<>();
                for (int containerPort : s.containerPorts()) {
                    ports.put(containerPort, FreePorts.pick(1)[0]);
                }
                if (s.isFlinkRun()) {
                    Path flinkConf = tmp.resolve("flink-conf");
                    processes.start(s.name(), ServiceCommands.flinkRun(s, services, addresses, ports, flinkConf), ServiceCommands.daemonEnvironment(services, flinkConf));
                } else if (s.isJavaJar()) {
                    processes.start(s.name(), ServiceCommands.javaJar(s, addresses, ports), Map.of());
                } else {
                    fail("service '" + s.name() + "': no way to run its command without containers: " + s.command()
                            + ". Teach ComposeServicesIT how (or use java -jar /jars/<module jar> like the others).");
                }
                if (!s.containerPorts().isEmpty()) {
                    httpPorts.put(s.name(), ports.get(s.containerPorts().get(0)));
                }
            }
            try {
                String state = awaitDashboardShowsEveryStream(services, httpPorts, processes, Duration.ofMinutes(5));
                for (Map.Entry<String, Process> p : processes.all().entrySet()) {
                    assertTrue(p.getValue().isAlive() || p.getValue().exitValue() == 0, () ->
                            "service '" + p.getKey() + "' exited with " + p.getValue().exitValue() + processes.tails(30));
                }
                for (Map.Entry<String, Integer> port : httpPorts.entrySet()) {
                    int status = http("http://127.0.0.1:" + port.getValue() + "/").statusCode();
                    assertTrue(status < 500, "service '" + port.getKey() + "' answered HTTP " + status + " on its published port");
                }
                System.out.println("compose services ran; the dashboard showed: " + state.substring(0, Math.min(400, state.length())));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + processes.tails(40), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ComposeService> load() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, ComposeService> services = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, s) -> services.put(name, ComposeService.of(name, s)));
        return services;
    }

    /** depends_on first, otherwise the file's order. */
    private static List<ComposeService> inStartOrder(Map<String, ComposeService> services) {
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < services.size()) {
            int before = placed.size();
            for (ComposeService s : services.values()) {
                if (!placed.contains(s.name()) && placed.containsAll(s.dependsOn())) {
                    placed.add(s.name());
                }
            }
            assertTrue(placed.size() > before, "depends_on has a cycle or names a missing service: " + services.keySet());
        }
        return placed.stream().map(services::get).toList();
    }

    /** Polls the dashboard until every stream of the generator's scenario has a model version and metrics. */
    private static String awaitDashboardShowsEveryStream(Map<String, ComposeService> services, Map<String, Integer> httpPorts,
                                                         ServiceProcesses processes, Duration timeout) throws Exception {
        ComposeService generator = services.values().stream().filter(s -> s.isJavaJar() && s.command().get(2).contains("generator"))
                .findFirst().orElseThrow(() -> new AssertionError("no generator service in docker-compose.yml"));
        String scenario = valueOf(generator.command(), "--scenario", "mixed-demo");
        Set<String> streams = new TreeSet<>(Scenarios.load(scenario, null).streams().stream().map(SampleStream::streamId).toList());
        String dashboard = services.values().stream().filter(s -> s.isJavaJar() && s.command().get(2).contains("dashboard"))
                .map(ComposeService::name).findFirst().orElseThrow(() -> new AssertionError("no dashboard service in docker-compose.yml"));
        String url = "http://127.0.0.1:" + httpPorts.get(dashboard) + "/api/streams";
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "(no answer yet)";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Process> p : processes.all().entrySet()) {
                assertTrue(p.getValue().isAlive() || p.getValue().exitValue() == 0, () -> "service '" + p.getKey() + "' exited with "
                        + p.getValue().exitValue() + " before the dashboard showed every stream");
            }
            try {
                body = http(url).body();
                Set<String> ready = new TreeSet<>();
                for (JsonNode s : new ObjectMapper().readTree(body).get("streams")) {
                    if (s.at("/snapshot/version").asLong() >= 1 && s.at("/metrics/x").size() > 0 && s.at("/counts/samples").asLong() > 0) {
                        ready.add(s.get("id").asText());
                    }
                }
                if (ready.containsAll(streams)) {
                    return body;
                }
            } catch (IOException e) {
                body = "(dashboard not answering: " + e.getMessage() + ")";
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("within " + timeout.toSeconds() + " s the dashboard did not show streams " + streams
                + " each with a model version, metrics and samples; last state: " + body);
    }

    private static String valueOf(List<String> words, String flag, String otherwise) {
        int i = words.indexOf(flag);
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : otherwise;
    }

    private static HttpResponse<String> http(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
