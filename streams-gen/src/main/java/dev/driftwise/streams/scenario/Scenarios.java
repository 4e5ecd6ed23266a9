package dev.driftwise.streams.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenarios: JSON files, or the built-ins shipped as resources under {@code dev/driftwise/streams/scenarios/}.
 * <pre>
 * {
 *   "name": "sea-gradual",            optional, default: the file name without .json
 *   "description": "...",             optional
 *   "seed": 42,                       optional, default 1
 *   "rate": 0,                        optional samples/s per stream, 0 = as fast as possible
 *   "streams": [ {stream}, ... ]      see StreamSpec and DriftPlan
 * }
 * </pre>
 * Every mistake is a {@link ScenarioException} naming the file, the JSON path, the value and what
 * is allowed.
 */
public final class Scenarios {

    /** The built-in scenarios, by name. */
    public static final List<String> BUILT_IN = List.of(
            "sutton", "level-tracking", "stationary", "hyperplane", "sea-abrupt", "sea-gradual", "permuted", "mixed-demo");

    /** Where the built-ins live on the classpath (namespaced, so a shaded jar cannot mix them up). */
    static final String RESOURCE_FOLDER = "/dev/driftwise/streams/scenarios/";
    private static final Set<String> FIELDS = Set.of("name", "description", "seed", "rate", "streams");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Scenarios() {
    }

    /**
     * A built-in scenario by name, or a JSON file by path (a path that exists wins).
     *
     * @param seedOverride replaces the scenario seed (run r of R), or null to keep the file's
     */
    public static Scenario load(String nameOrPath, Long seedOverride) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ScenarioException(file.toString(), "cannot read the file: " + e.getMessage(), e);
            }
            String fileName = file.getFileName().toString();
            return parse(file.toString(), fileName.replaceFirst("\\.json$", ""), text, seedOverride);
        }
        String resource = RESOURCE_FOLDER + nameOrPath + ".json";
        try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
            if (in == null || nameOrPath.contains("/")) {
                throw new ScenarioException(nameOrPath, "$", null, "no such file and no built-in scenario of that name; built-ins: "
                        + String.join(", ", BUILT_IN));
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse("built-in scenario " + nameOrPath, nameOrPath, text, seedOverride);
        } catch (IOException e) {
            throw new ScenarioException(resource, "cannot read the built-in scenario: " + e.getMessage(), e);
        }
    }

    /** Reads scenario JSON from a string; {@code source} names it in errors, {@code defaultName} is used without "name". */
    public static Scenario parse(String source, String defaultName, String json, Long seedOverride) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            throw new ScenarioException(source, "not valid JSON: " + why
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()), e);
        }
        JsonFields top = new JsonFields(source, "$", root);
        top.allowOnly(FIELDS);
        String name = top.text("name", defaultName);
        String description = top.text("description", "");
        long seed = seedOverride != null ? seedOverride : top.wholeNumber("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double rate = top.number("rate", 0, 0, 1e9);
        List<StreamSpec> specs = new ArrayList<>();
        Map<String, String> idPaths = new HashMap<>();
        List<JsonFields> streams = top.objects("streams", true);
        for (int i = 0; i < streams.size(); i++) {
            StreamSpec spec = StreamSpec.read(streams.get(i), i, seed, seedOverride, rate);
            String earlier = idPaths.putIfAbsent(spec.id(), streams.get(i).pathOf("id"));
            if (earlier != null) {
                throw streams.get(i).error("id", "\"" + spec.id() + "\"", "stream ids must be unique; " + earlier + " has it already");
            }
            specs.add(spec);
        }
        return new SpecScenario(name, description, seed, specs);
    }
}
