package dev.driftwise.jobs.publish;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who writes the job's records: stamped into every record's {@code Provenance}.
 *
 * @param runId the Flink job id
 */
public record Producer(String name, String version, String runId, String host) implements Serializable {

    public static final String NAME = "driftwise-jobs/OnlineTrainingJob";

    public static Producer of(String runId) {
        String version = Producer.class.getPackage().getImplementationVersion();
        return new Producer(NAME, version == null ? "0.1.0-SNAPSHOT" : version, runId, hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
