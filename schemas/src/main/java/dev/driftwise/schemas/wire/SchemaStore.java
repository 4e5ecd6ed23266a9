package dev.driftwise.schemas.wire;

import dev.driftwise.schemas.DeadLetter;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.StepSizeSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Writer schemas by their CRC-64-AVRO fingerprint: what a reader needs to resolve bytes written by any
 * producer, old or new, into the record class it was compiled against. Thread-safe.
 *
 * <p>History: when a record's schema changes, copy the released {@code .avsc} (self-contained, every
 * named type inlined, its {@code version} property set) into {@code dev/driftwise/schemas/history/}
 * and list it in {@code index.txt} there, so records already on the topics keep decoding.
 */
public final class SchemaStore {

    /** Records published on driftwise topics; their generated classes are the reader schemas. */
    public static final List<Schema> CURRENT = List.of(
            Sample.getClassSchema(), ModelSnapshot.getClassSchema(), StepSizeSnapshot.getClassSchema(),
            PrequentialMetrics.getClassSchema(), DeadLetter.getClassSchema());

    static final String HISTORY_DIR = "/dev/driftwise/schemas/history/";
    /** Integer JSON property on every driftwise .avsc: the schema's version, also stamped in Provenance. */
    public static final String VERSION_PROPERTY = "version";

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    /** An empty store: register every writer schema you expect to read. */
    public SchemaStore() {
    }

    /** Every current driftwise schema and every historical version kept as a resource. */
    public static SchemaStore standard() {
        SchemaStore store = new SchemaStore();
        CURRENT.forEach(store::register);
        historicalSchemas().forEach(store::register);
        return store;
    }

    /** Adds a writer schema; returns its fingerprint (the 8 bytes after {@code C3 01} on the wire). */
    public long register(Schema writerSchema) {
        if (writerSchema == null) {
            throw new IllegalArgumentException("writerSchema is null: pass the schema the producer writes with");
        }
        long fingerprint = fingerprint(writerSchema);
        byFingerprint.putIfAbsent(fingerprint, writerSchema);
        return fingerprint;
    }

    public Optional<Schema> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    public Set<Long> fingerprints() {
        return Set.copyOf(byFingerprint.keySet());
    }

    /** CRC-64-AVRO of the schema's parsing canonical form, as the single-object encoding defines it. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The {@value #VERSION_PROPERTY} property of a driftwise schema, for {@code Provenance.schemaVersion}. */
    public static int schemaVersion(Schema schema) {
        Object version = schema.getObjectProp(VERSION_PROPERTY);
        if (!(version instanceof Integer)) {
            throw new IllegalArgumentException("schema " + schema.getFullName() + " has " + VERSION_PROPERTY
                    + "=" + version + "; add an integer \"" + VERSION_PROPERTY + "\" property to its .avsc");
        }
        return (Integer) version;
    }

    /** The released schema versions listed in {@code history/index.txt}, each parsed on its own. */
    static List<Schema> historicalSchemas() {
        return historyFileNames().stream().map(SchemaStore::parseHistoryFile).toList();
    }

    static List<String> historyFileNames() {
        try (InputStream in = open("index.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HISTORY_DIR + "index.txt", e);
        }
    }

    private static Schema parseHistoryFile(String name) {
        try (InputStream in = open(name)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read historical schema " + HISTORY_DIR + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = SchemaStore.class.getResourceAsStream(HISTORY_DIR + name);
        if (in == null) {
            throw new IllegalStateException("resource " + HISTORY_DIR + name
                    + " missing from the schemas jar; list only files that exist in history/index.txt");
        }
        return in;
    }
}
