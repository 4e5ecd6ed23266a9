package dev.driftwise.cli.progress;

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

    /** The concept changed from {@code from} to {@code to} by the time the learner had seen {@code samples}. */
    public record Drift(long samples, int from, int to) {}

    private final String streamId;
    private final List<MetricsPoint> metrics = new ArrayList<>();
    private final List<AlphaPoint> alphas = new ArrayList<>();
    private final List<Drift> drifts = new ArrayList<>();
    private long latestModelVersion;
    private long modelSnapshots;

    StreamHistory(String streamId) {
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }

    /** @return the drift this point reveals, or null */
    synchronized Drift addMetrics(MetricsPoint p) {
        Drift drift = null;
        Integer previous = lastConcept();
        if (p.conceptId() != null && previous != null && !previous.equals(p.conceptId())) {
            drift = new Drift(p.samples(), previous, p.conceptId());
            drifts.add(drift);
        }
        metrics.add(p);
        return drift;
    }

    private Integer lastConcept() {
        for (int i = metrics.size() - 1; i >= 0; i--) {
            if (metrics.get(i).conceptId() != null) {
                return metrics.get(i).conceptId();
            }
        }
        return null;
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
