package dev.driftwise.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** The rules every driftwise schema keeps, so consumers can trust and evolve them. */
class SchemaCatalogTest {

    @Test
    void everyFieldOfEveryRecordIsDocumentedAndNamespaced() {
        List<String> problems = new ArrayList<>();
        for (Schema schema : SchemaStore.CURRENT) {
            walk(schema, new HashSet<>(), problems);
        }
        assertEquals(List.of(), problems);
    }

    private static void walk(Schema s, Set<String> seen, List<String> problems) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                if (!"dev.driftwise.schemas".equals(s.getNamespace())) {
                    problems.add(s.getFullName() + " is outside namespace dev.driftwise.schemas");
                }
                for (Schema.Field f : s.getFields()) {
                    if (f.doc() == null || f.doc().isBlank()) {
                        problems.add(s.getName() + "." + f.name() + " has no doc");
                    }
                    walk(f.schema(), seen, problems);
                }
            }
            case UNION -> s.getTypes().forEach(t -> walk(t, seen, problems));
            case ARRAY -> walk(s.getElementType(), seen, problems);
            case MAP -> walk(s.getValueType(), seen, problems);
            default -> { }
        }
    }

    @Test
    void everyTopicRecordCarriesAVersionAndProvenance() {
        for (Schema schema : SchemaStore.CURRENT) {
            assertTrue(SchemaStore.schemaVersion(schema) >= 1, schema.getName());
            assertTrue(schema.getField("provenance") != null, schema.getName() + " has no provenance field");
        }
    }

    @Test
    void everyHistoryFileIsListedAndOlderThanAndReadableByTheCurrentSchema() throws IOException {
        Path dir = Path.of("src/main/resources" + SchemaStore.HISTORY_DIR);
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> onDisk = new HashSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc")).toList());
            assertEquals(onDisk, new HashSet<>(SchemaStore.historyFileNames()), "history/index.txt vs the folder");
        }
        for (Schema old : SchemaStore.historicalSchemas()) {
            Schema current = SchemaStore.CURRENT.stream().filter(c -> c.getFullName().equals(old.getFullName()))
                    .findFirst().orElseThrow(() -> new AssertionError(old.getFullName() + " has no current schema"));
            assertTrue(SchemaStore.schemaVersion(old) < SchemaStore.schemaVersion(current), old.getFullName());
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType(),
                    "current " + current.getName() + " must read v" + SchemaStore.schemaVersion(old));
        }
    }

    @Test
    void theStandardStoreHoldsEveryCurrentAndHistoricalSchemaAndNothingElse() {
        Set<Long> expected = new HashSet<>();
        SchemaStore.CURRENT.forEach(s -> expected.add(SchemaStore.fingerprint(s)));
        SchemaStore.historicalSchemas().forEach(s -> expected.add(SchemaStore.fingerprint(s)));
        assertEquals(SchemaStore.CURRENT.size() + SchemaStore.historyFileNames().size(), expected.size(),
                "fingerprints are distinct");
        assertEquals(expected, SchemaStore.standard().fingerprints());
    }
}
