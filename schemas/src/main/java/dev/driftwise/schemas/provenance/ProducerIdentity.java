package dev.driftwise.schemas.provenance;

import dev.driftwise.schemas.Provenance;
import dev.driftwise.schemas.wire.SchemaStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.avro.Schema;

/**
 * Who is writing records, fixed for a run: stamps the {@link Provenance} every published record carries,
 * with the schema version of the record it goes into.
 *
 * <pre>{@code
 * ProducerIdentity me = ProducerIdentity.ofThisHost("driftwise-streams-gen", "0.1.0-SNAPSHOT", runId);
 * sample.setProvenance(me.provenanceFor(Sample.getClassSchema()));
 * }</pre>
 */
public record ProducerIdentity(String producerName, String producerVersion, String runId, String host) {

    public ProducerIdentity {
        require("producerName", producerName);
        require("producerVersion", producerVersion);
        require("runId", runId);
        require("host", host);
    }

    /** Host from the {@code HOSTNAME} environment variable (set in containers), else the local host name. */
    public static ProducerIdentity ofThisHost(String producerName, String producerVersion, String runId) {
        return new ProducerIdentity(producerName, producerVersion, runId, localHost());
    }

    /** A fresh Provenance (records own their fields) for a record of {@code recordSchema}. */
    public Provenance provenanceFor(Schema recordSchema) {
        return Provenance.newBuilder().setSchemaVersion(SchemaStore.schemaVersion(recordSchema))
                .setProducerName(producerName).setProducerVersion(producerVersion).setRunId(runId).setHost(host)
                .build();
    }

    static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host"; // provenance must not stop a producer; the run id still identifies it
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is " + (value == null ? "null" : "blank")
                    + "; provenance needs it so consumers can tell who wrote a record");
        }
    }
}
