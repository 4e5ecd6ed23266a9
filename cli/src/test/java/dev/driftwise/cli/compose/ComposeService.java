package dev.driftwise.cli.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of docker-compose.yml as the file states it: image, command (split as a shell would), volumes
 * ({@code host:container[:ro]}), environment, published ports ({@code host:container}) and what it waits for.
 */
record ComposeService(String name, String image, List<String> command, Map<String, String> volumes, Map<String, String> environment,
                      List<Integer> containerPorts, List<String> dependsOn) {

    @SuppressWarnings("unchecked")
    static ComposeService of(String name, Map<String, Object> s) {
        Map<String, String> volumes = new LinkedHashMap<>();
        for (Object v : (List<Object>) s.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(v).split(":");
            volumes.put(parts[1], parts[0]); // container path → host path (or a named volume)
        }
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) s.getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        List<Integer> ports = new ArrayList<>();
        for (Object p : (List<Object>) s.getOrDefault("ports", List.of())) {
            String[] parts = String.valueOf(p).split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        Object deps = s.getOrDefault("depends_on", List.of());
        List<String> dependsOn = deps instanceof Map<?, ?> m ? new ArrayList<>((java.util.Set<String>) m.keySet()) : (List<String>) deps;
        return new ComposeService(name, String.valueOf(s.get("image")), words(String.valueOf(s.getOrDefault("command", "")).trim()),
                volumes, env, ports, dependsOn);
    }

    /** Splits a command line into words as a shell would (whitespace outside quotes; quotes removed). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    boolean isKafka() {
        return image.startsWith("apache/kafka:");
    }

    /** A Flink JobManager or TaskManager: the cluster a submitter's {@code flink run} talks to. */
    boolean isFlinkDaemon() {
        return image.startsWith("flink:") && command.size() == 1 && List.of("jobmanager", "taskmanager").contains(command.get(0));
    }

    boolean isFlinkRun() {
        return command.size() > 2 && command.get(0).equals("flink") && command.get(1).equals("run");
    }

    boolean isJavaJar() {
        return command.size() > 2 && command.get(0).equals("java") && command.get(1).equals("-jar");
    }

    /** The host path behind a container path, through this service's volumes; null when no volume holds it. */
    String hostPath(String containerPath) {
        for (Map.Entry<String, String> v : volumes.entrySet()) {
            if (containerPath.equals(v.getKey()) || containerPath.startsWith(v.getKey() + "/")) {
                return v.getValue() + containerPath.substring(v.getKey().length());
            }
        }
        return null;
    }

    /** {@code host:port} addresses a Kafka service advertises (KAFKA_ADVERTISED_LISTENERS). */
    List<String> advertisedAddresses() {
        List<String> out = new ArrayList<>();
        for (String listener : environment.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(",")) {
            int at = listener.indexOf("://");
            if (at > 0) {
                out.add(listener.substring(at + 3).trim());
            }
        }
        return out;
    }

    /** The {@code key: value} lines of FLINK_PROPERTIES. */
    Map<String, String> flinkProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : environment.getOrDefault("FLINK_PROPERTIES", "").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
