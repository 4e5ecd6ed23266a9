package dev.driftwise.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.serving.http.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker-compose.yml checked statically (no Docker engine here): pinned images of the versions the
 * build uses, jar paths that are the build's outputs, job flags the job accepts, no port twice.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;
    private static String pom;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        pom = Files.readString(ROOT.resolve("pom.xml"));
    }

    @Test
    void imagesArePinnedToTheVersionsTheBuildUses() {
        for (var e : services.entrySet()) {
            String image = (String) e.getValue().get("image");
            assertTrue(image != null && image.matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[^:]*"),
                    e.getKey() + ": image '" + image + "' is not pinned to a version");
        }
        assertEquals("apache/kafka:" + pomProperty("kafka.version"), services.get("kafka").get("image"));
        for (String flink : List.of("jobmanager", "taskmanager", "job-submitter")) {
            assertEquals("flink:" + pomProperty("flink.version") + "-java17", services.get(flink).get("image"), flink);
        }
        String plugins = String.valueOf(env("taskmanager").get("ENABLE_BUILT_IN_PLUGINS"));
        assertEquals("flink-metrics-prometheus-" + pomProperty("flink.version") + ".jar", plugins, "Prometheus reporter plugin");
    }

    @Test
    void jarPathsAreTheBuildOutputs() {
        String version = projectVersion();
        assertJarMounted("job-submitter", "./jobs/target", "jobs-" + version + "-job.jar");
        assertJarMounted("generator", "./cli/target", "cli-" + version + "-generator.jar");
        assertJarMounted("dashboard", "./dashboard/target", "dashboard-" + version + "-app.jar");
        assertJarMounted("serve", "./serving/target", "serving-" + version + "-app.jar");
        assertEquals("true", String.valueOf(env("serve").get("DJL_OFFLINE")), "serve: DJL must not try to download");
        assertTrue(volumes("serve").contains("djl-cache:" + env("serve").get("DJL_CACHE_DIR")),
                "serve: PyTorch unpacks into the shared cache volume, once: " + volumes("serve"));
        for (String flink : List.of("jobmanager", "taskmanager", "job-submitter")) {
            assertTrue(volumes(flink).contains("./jobs/target/flink-lib:/opt/flink/lib/driftwise-djl:ro"), flink + ": DJL in lib/");
        }
        assertTrue(String.valueOf(env("taskmanager").get("FLINK_PROPERTIES")).contains("classloader.parent-first-patterns.additional: ai.djl"),
                "DJL loaded parent-first on the TaskManager");
    }

    @Test
    void everyJobFlagInTheFileIsInTheJobsHelp() {
        String command = String.valueOf(services.get("job-submitter").get("command"));
        String help = JobOptions.help();
        Matcher m = Pattern.compile("\\s--([a-z0-9.-]+)").matcher(command.substring(command.indexOf(".jar")));
        int flags = 0;
        while (m.find()) {
            String flag = m.group(1).startsWith("stream.") ? "stream.<id>.<setting>" : m.group(1);
            assertTrue(help.contains("--" + flag), "--" + m.group(1) + " in docker-compose.yml is not in the job's --help:\n" + help);
            flags++;
        }
        assertTrue(flags >= 3, "expected the submitter to pass job flags, found " + flags + " in: " + command);
        JobOptions.parse(command.substring(command.indexOf(".jar") + 4).trim().split("\\s+")); // and the job accepts them
    }

    @Test
    void noHostPortIsPublishedTwice() {
        Set<String> seen = new HashSet<>();
        for (var e : services.entrySet()) {
            Object ports = e.getValue().get("ports");
            if (ports == null) {
                continue;
            }
            for (Object p : (List<?>) ports) {
                String host = String.valueOf(p).split(":")[0];
                assertTrue(seen.add(host), e.getKey() + ": host port " + host + " is already published by another service");
            }
        }
        assertEquals(Set.of("9092", "8081", "9249", "8088", "8090"), seen);
    }

    @Test
    void theServeServiceTakesItsFlagsAndListensOnEveryInterfaceOfItsContainer() {
        String command = String.valueOf(services.get("serve").get("command"));
        String[] args = command.substring(command.indexOf(".jar") + 4).trim().split("\\s+");
        ServeCommand serve = new ServeCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new CommandLine(serve).parseArgs(args); // throws on a flag `driftwise serve` does not have
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        assertEquals("kafka:19092", flags.get("--bootstrap"), "the broker's listener inside the compose network: " + command);
        assertEquals("0.0.0.0", flags.get("--bind"), "published from a container, it must listen beyond loopback: " + command);
        assertTrue(((List<?>) services.get("serve").get("ports")).contains(flags.get("--port") + ":" + flags.get("--port")),
                "the port it listens on is the one published: " + command);
    }

    private static void assertJarMounted(String service, String hostDir, String jar) {
        String command = String.valueOf(services.get(service).get("command"));
        assertTrue(volumes(service).contains(hostDir + ":/jars:ro"), service + ": mounts " + hostDir + " at /jars, has " + volumes(service));
        assertTrue(command.contains("/jars/" + jar), service + ": runs /jars/" + jar + ", command: " + command);
    }

    @Test
    void theShadedJarsAreBuiltWhereverTheirModulesArePackaged() {
        String version = projectVersion();
        Path jobs = ROOT.resolve("jobs/target");
        // in a reactor build jobs and dashboard are packaged before cli's tests run; each shaded jar comes with its main jar
        if (Files.isRegularFile(jobs.resolve("jobs-" + version + ".jar"))) {
            assertTrue(Files.isRegularFile(jobs.resolve("jobs-" + version + "-job.jar")), "jobs/target/jobs-" + version + "-job.jar");
        }
        Path serving = ROOT.resolve("serving/target");
        if (Files.isRegularFile(serving.resolve("serving-" + version + ".jar"))) {
            assertTrue(Files.isRegularFile(serving.resolve("serving-" + version + "-app.jar")), "serving/target/serving-" + version + "-app.jar");
            assertTrue(Files.isRegularFile(serving.resolve("serving-lib/pytorch-native-cpu-" + pomProperty("pytorch.version") + "-linux-x86_64.jar")),
                    "serving/target/serving-lib holds the libraries the app jar's manifest names, PyTorch's natives included");
        }
        Path dashboard = ROOT.resolve("dashboard/target");
        if (Files.isRegularFile(dashboard.resolve("dashboard-" + version + ".jar"))) {
            assertTrue(Files.isRegularFile(dashboard.resolve("dashboard-" + version + "-app.jar")), "dashboard/target/dashboard-" + version + "-app.jar");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(String service) {
        Object v = services.get(service).get("volumes");
        return v == null ? List.of() : new ArrayList<>((List<String>) v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    private static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name + " in pom.xml");
        return m.group(1);
    }

    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>driftwise-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "project version in pom.xml");
        return m.group(1);
    }
}
