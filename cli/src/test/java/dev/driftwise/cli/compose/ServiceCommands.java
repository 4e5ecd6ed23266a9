package dev.driftwise.cli.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * How a docker-compose service's command runs on this machine without containers: {@code java -jar} on the
 * build's jar; {@code flink run} through Flink's own front end with the local executor standing in for the
 * JobManager and TaskManager. Jar paths go through the service's volumes to the build outputs, Kafka addresses
 * to the embedded broker, published ports to free ones, {@code 0.0.0.0} to loopback.
 */
final class ServiceCommands {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
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

    private ServiceCommands() {}

    /** {@code java -jar /jars/x.jar args} → the build's jar, with addresses and ports mapped. */
    static List<String> javaJar(ComposeService s, Map<String, String> addresses, Map<Integer, Integer> ports) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", hostJar(s, s.command().get(2)).toString()));
        cmd.addAll(rewrite(s.command().subList(3, s.command().size()), addresses, ports));
        return cmd;
    }

    /**
     * {@code flink run [-m host:port] [-d] [-p N] -c class /jars/job.jar args} → Flink's own front end with the local executor
     * (attached: it hosts the job), on a classpath of what a cluster provides: Flink (the job's build classpath without
     * what the job jar carries itself) and the jars mounted into Flink's lib/.
     */
    static List<String> flinkRun(ComposeService s, Map<String, ComposeService> services, Map<String, String> addresses,
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
    static Map<String, String> daemonEnvironment(Map<String, ComposeService> services, Path flinkConf) {
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
            String missing = s.name() + ": " + jar + " is not built; run mvn package first (mvn verify runs this test after package)";
            assertTrue(System.getenv("CI") == null, missing); // under CI a skip would hide that the services were never run
            Assumptions.assumeTrue(false, missing);
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
