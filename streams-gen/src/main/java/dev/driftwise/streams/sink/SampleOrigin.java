package dev.driftwise.streams.sink;

import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.Sample;
import dev.driftwise.schemas.provenance.ProducerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Where a run's samples come from, stamped on every record: {@code source} is the provenance string
 * of {@code Sample.source} ("scenario=sea-abrupt seed=42", "replay=data.csv"); {@code groundTruth}
 * says whether the samples carry the generator's concept markers (false for replayed real data);
 * {@code provenance} names this program, its version, the run and the host.
 */
public record SampleOrigin(String source, boolean groundTruth, Provenance provenance) {

    static final String PRODUCER_NAME = "driftwise-streams-gen";

    public static SampleOrigin scenario(String scenario, long seed, String runId) {
        return new SampleOrigin("scenario=" + scenario + " seed=" + seed, true, provenance(runId));
    }

    public static SampleOrigin replay(String fileName, String runId) {
        return new SampleOrigin("replay=" + fileName, false, provenance(runId));
    }

    private static Provenance provenance(String runId) {
        return ProducerIdentity.ofThisHost(PRODUCER_NAME, version(), runId).provenanceFor(Sample.getClassSchema());
    }

    /** This module's Maven version, filtered into version.properties at build time. */
    public static String version() {
        try (InputStream in = SampleOrigin.class.getResourceAsStream("/dev/driftwise/streams/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
