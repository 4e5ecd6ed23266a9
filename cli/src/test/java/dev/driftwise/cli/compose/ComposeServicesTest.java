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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
class ComposeServicesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** What Flink's {@code bin/flink} passes to the JVM (env.java.opts.all of Flink 2.x's default config.yaml). */
    private static final List<String> FLINK_LAUNCHER_JVM_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    /** Artifacts (path parts in the local repository) no Flink distribution has: the job jar must carry them. */
    private static final List<String> JOB_JAR_ONLY = List.of("/dev/driftwise/", "/info/picocli/", "/org/apache/kafka/", "/org/apache/avro/",
            "/flink-connector-kafka/");
    /** Cluster settings that are the containers' network and plug-ins, not the job's: the local executor picks its own. */
    private static final List<String> CONTAINER_ONLY_FLINK_KEYS = List.of("jobmanager.rpc.address", "metrics.reporter.", "rest.");

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
                    processes.start(s.name(), flinkRun(s, services, addresses, ports, flinkConf), daemonEnvironment(services, flinkConf));
                } else if (s.isJavaJar()) {
                    processes.start(s.name(), javaJar(s, addresses, ports), Map.of());
                } else {
                    fail("service '" + s.name() + "': no way to run its command without containers: " + s.command()
                            + ". Teach ComposeServicesTest how (or use java -jar /jars/<module jar> like the others).");
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

    /** {@code java -jar /jars/x.jar args} → the build's jar, with addresses and ports mapped. */
    private static List<String> javaJar(ComposeService s, Map<String, String> addresses, Map<Integer, Integer> ports) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", hostJar(s, s.command().get(2)).toString()));
        cmd.addAll(rewrite(s.command().subList(3, s.command().size()), addresses, ports));
        return cmd;
    }

    /**
     * {@code flink run [-m host:port] [-d] [-p N] -c class /jars/job.jar args} → Flink's own front end with the local executor
     * (attached: it hosts the job), on a classpath of what a cluster provides: Flink (the job's build classpath without
     * what the job jar carries itself) and the jars mounted into Flink's lib/.
     */
    private static List<String> flinkRun(ComposeService s, Map<String, ComposeService> services, Map<String, String> addresses,
                                         Map<Integer, Integer> ports, Path flinkConf) throws IOException {
        List<String> words = s.command().subList(2, s.command().size());
        List<String> options = new ArrayList<>();
        int i = 0;
        for (; i < words.size() && !words.get(i).endsWith(".jar"); i++) {
            String w = words.get(i);
            if (w.equals("-m") || w.equals("--jobmanager")) {
                i++; // the JobManager's address: the local executor is the cluster
            } else if (!w.equals("-d") && !w.equals("--detached")) {
                options.add(w);
            }
        }
        assertTrue(i < words.size(), s.name() + ": flink run without a job jar: " + s.command());
        Path jar = hostJar(s, words.get(i));
        List<Path> lib = new ArrayList<>();
        s.volumes().forEach((container, host) -> {
            if (container.startsWith("/opt/flink/lib")) {
                lib.add(ROOT.resolve(host).normalize());
            }
        });
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx1536m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(FLINK_LAUNCHER_JVM_OPTIONS);
        cmd.addAll(List.of("-cp", clusterClasspath(jar, lib), "org.apache.flink.client.cli.CliFrontend", "run", "-t", "local"));
        cmd.addAll(options);
        cmd.add(jar.toString());
        cmd.addAll(rewrite(words.subList(i + 1, words.size()), addresses, ports));
        writeFlinkConfig(services, flinkConf);
        return cmd;
    }

    /**
     * What a Flink cluster provides: the job module's build classpath without what the job jar must bring itself
     * ({@link #JOB_JAR_ONLY}: a job jar that lacks one of them fails here, as it would on a cluster), then lib/.
     */
    private static String clusterClasspath(Path jobJar, List<Path> lib) throws IOException {
        Set<String> libJars = new HashSet<>();
        for (Path d : lib) {
            try (Stream<Path> files = Files.list(d)) {
                files.forEach(f -> libJars.add(f.getFileName().toString()));
            }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : Files.readString(jobJar.getParent().resolve("classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            if (!libJars.contains(Path.of(entry).getFileName().toString()) && JOB_JAR_ONLY.stream().noneMatch(entry::contains)) {
                entries.add(entry);
            }
        }
        lib.forEach(d -> entries.add(d + "/*"));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** config.yaml from the daemons' FLINK_PROPERTIES, without their container addresses and reporter ports. */
    private static void writeFlinkConfig(Map<String, ComposeService> services, Path dir) throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        services.values().stream().filter(ComposeService::isFlinkDaemon).forEach(d -> d.flinkProperties().forEach((k, v) -> {
            if (CONTAINER_ONLY_FLINK_KEYS.stream().noneMatch(k::startsWith)) {
                conf.put(k, v);
            }
        }));
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.bind-port", "0");
        Files.createDirectories(dir);
        StringBuilder yaml = new StringBuilder();
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    /** The daemons' environment (DJL's offline mode and cache), with named volumes mapped to this machine; the Flink config. */
    private static Map<String, String> daemonEnvironment(Map<String, ComposeService> services, Path flinkConf) {
        Map<String, String> env = new LinkedHashMap<>();
        services.values().stream().filter(ComposeService::isFlinkDaemon).forEach(d -> d.environment().forEach((k, v) -> {
            if (k.equals("FLINK_PROPERTIES") || k.equals("ENABLE_BUILT_IN_PLUGINS")) {
                return; // written into config.yaml; the Prometheus plug-in's reporter is container-only
            }
            String host = d.hostPath(v);
            env.put(k, host == null ? v : host.startsWith(".") || host.startsWith("/") ? ROOT.resolve(host).toString() : namedVolume(host));
        }));
        env.put("FLINK_CONF_DIR", flinkConf.toString());
        return env;
    }

    /** A named volume: DJL's cache is the build's (libtorch is unpacked there already), anything else a fresh folder. */
    private static String namedVolume(String name) {
        String djl = System.getProperty("DJL_CACHE_DIR");
        if (name.contains("djl") && djl != null) {
            return djl;
        }
        try {
            return Files.createTempDirectory("compose-volume-" + name).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> rewrite(List<String> args, Map<String, String> addresses, Map<Integer, Integer> ports) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            for (Map.Entry<String, String> a : addresses.entrySet()) {
                w = w.replace(a.getKey(), a.getValue());
            }
            if (w.equals("0.0.0.0")) {
                w = "127.0.0.1"; // every interface of a container is this machine's loopback here
            }
            if (i > 0 && args.get(i - 1).startsWith("--") && w.matches("\\d{2,5}") && ports.containsKey(Integer.parseInt(w))) {
                w = Integer.toString(ports.get(Integer.parseInt(w)));
            }
            out.add(w);
        }
        return out;
    }

    private static Path hostJar(ComposeService s, String containerPath) {
        String host = s.hostPath(containerPath);
        assertTrue(host != null, s.name() + ": no volume holds " + containerPath);
        Path jar = ROOT.resolve(host).normalize();
        if (!Files.isRegularFile(jar)) {
            boolean packaged;
            try (Stream<Path> files = Files.isDirectory(jar.getParent()) ? Files.list(jar.getParent()) : Stream.empty()) {
                packaged = files.anyMatch(f -> f.toString().endsWith(".jar"));
            } catch (IOException e) {
                packaged = false;
            }
            assertTrue(!packaged, s.name() + ": " + jar + " is not in the build output next to the module's other jars");
            Assumptions.assumeTrue(false, s.name() + ": " + jar + " is not built; run mvn package first");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
