package dev.driftwise.cli.progress;

import dev.driftwise.dashboard.store.DriftMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job published for one stream, in arrival order: prequential metrics, step sizes, model
 * versions and the concept changes seen in the metrics. Guarded by its own lock: the watcher thread
 * appends, the printer and the report read copies.
 */
public final class StreamHistory {

    /** One metrics record: the learner had seen {@code samples} samples at {@code millis}. */
    public record MetricsPoint(long samples, long millis, double windowLoss, Double windowAccuracy,
                               double samplesPerSecond, Integer conceptId) {}

    /** One step-size record: α per block name at {@code samples}. */
    public record AlphaPoint(long samples, Map<String, Double> alphaByBlock) {}

    /**
     * Drift number {@code index} of the stream began at sample {@code samples} (its seq), as the
     * generator's ground truth says: {@code phase} ABRUPT, GRADUAL or INCREMENTAL; {@code to} is -1
     * while a gradual drift has not settled on its new concept.
     */
    public record Drift(long samples, int index, String phase, int from, int to) {
        public String label() {
            return DriftMark.label(index, phase, from, to);
        }
    }

    private final String streamId;
    private final List<MetricsPoint> metrics = new ArrayList<>();
    private final List<AlphaPoint> alphas = new ArrayList<>();
    private final List<Drift> drifts = new ArrayList<>();
    private int lastDriftIndex;
    private int lastConceptId;
    private long latestModelVersion;
    private long modelSnapshots;

    public StreamHistory(String streamId) {
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }

    synchronized void addMetrics(MetricsPoint p) {
        metrics.add(p);
    }

    /**
     * Follows a sample's ground truth; the drift index only grows, so each drift is reported once
     * (a gradual drift's concept id flickers between old and new, its index does not).
     *
     * @return the drift that begins with this sample, or null
     */
    public synchronized Drift noteGroundTruth(long seq, int driftIndex, String phase, int conceptId, int fromConceptId) {
        Drift drift = null;
        if (driftIndex > lastDriftIndex) {
            boolean gradual = "GRADUAL".equals(phase);
            drift = new Drift(seq, driftIndex, phase, gradual ? fromConceptId : lastConceptId, gradual ? -1 : conceptId);
            drifts.add(drift);
            lastDriftIndex = driftIndex;
        }
        if (!"GRADUAL".equals(phase)) {
            lastConceptId = conceptId;
        }
        return drift;
    }

    synchronized void addAlphas(long samples, Map<String, Double> alphaByBlock) {
        alphas.add(new AlphaPoint(samples, new TreeMap<>(alphaByBlock)));
    }

    synchronized void addModelVersion(long version) {
        modelSnapshots++;
        latestModelVersion = Math.max(latestModelVersion, version);
    }

    public synchronized List<MetricsPoint> metrics() {
        return List.copyOf(metrics);
    }

    public synchronized List<AlphaPoint> alphas() {
        return List.copyOf(alphas);
    }

    public synchronized List<Drift> drifts() {
        return List.copyOf(drifts);
    }

    public synchronized MetricsPoint latestMetrics() {
        return metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
    }

    public synchronized AlphaPoint latestAlphas() {
        return alphas.isEmpty() ? null : alphas.get(alphas.size() - 1);
    }

    /** Highest model snapshot version published (0 when none yet). */
    public synchronized long latestModelVersion() {
        return latestModelVersion;
    }

    /** Model snapshots read (first chunks only: one per version). */
    public synchronized long modelSnapshots() {
        return modelSnapshots;
    }
}
