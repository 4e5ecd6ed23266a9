package dev.driftwise.dashboard.store;

import dev.driftwise.schemas.GroundTruth;
import dev.driftwise.schemas.ModelSnapshot;
import dev.driftwise.schemas.PrequentialMetrics;
import dev.driftwise.schemas.StepSizeBlock;
import dev.driftwise.schemas.StepSizeSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows for one stream: the prequential loss and accuracy over samples
 * seen, α per step-size block over samples seen, the drifts the generator reported, the newest
 * model snapshot and dead-letter counts. Histories are bounded {@link SeriesTable}s; drift marks
 * keep the newest {@code capacity}. Guarded by the {@link DashboardStore}'s lock.
 */
public final class StreamView {

    public static final String WINDOW_LOSS = "windowLoss";
    public static final String FADING_LOSS = "fadingLoss";
    public static final String WINDOW_ACCURACY = "windowAccuracy";
    public static final String FADING_ACCURACY = "fadingAccuracy";

    private final String id;
    private final int capacity;
    private final SeriesTable metrics;
    private final SeriesTable alpha;
    private final List<DriftMark> drifts = new ArrayList<>();
    private PrequentialMetrics latestMetrics;
    private StepSizeSnapshot latestStepSizes;
    private SnapshotInfo snapshot;
    private long metricsRecords;
    private long stepSizeRecords;
    private long snapshotRecords;
    private long samplesRead;
    private long lastSeq = -1;
    private long deadLetterRecords;
    // ground truth as in the demo's progress: the drift index only grows, so each drift is marked once
    private int lastDriftIndex;
    private int lastConceptId = -1;
    private Integer conceptId;

    StreamView(String id, int capacity) {
        this.id = id;
        this.capacity = capacity;
        this.metrics = new SeriesTable(capacity);
        this.alpha = new SeriesTable(capacity);
    }

    void addMetrics(PrequentialMetrics m) {
        metricsRecords++;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(WINDOW_LOSS, m.getWindowLoss());
        row.put(FADING_LOSS, m.getFadingLoss());
        if (m.getWindowAccuracy() != null || m.getFadingAccuracy() != null) {
            row.put(WINDOW_ACCURACY, m.getWindowAccuracy());
            row.put(FADING_ACCURACY, m.getFadingAccuracy());
        }
        metrics.add(m.getSamplesSeen(), row);
        latestMetrics = m;
        if (m.getConceptId() != null) {
            conceptId = m.getConceptId();
        }
    }

    void addStepSizes(StepSizeSnapshot s) {
        stepSizeRecords++;
        Map<String, Double> row = new LinkedHashMap<>();
        for (StepSizeBlock b : s.getBlocks()) {
            row.put(b.getName(), b.getAlpha());
        }
        alpha.add(s.getSamplesSeen(), row);
        latestStepSizes = s;
    }

    /** Keeps the highest version (a restarted job's snapshots go on counting up; stale chunks do not win). */
    void addSnapshot(ModelSnapshot m) {
        snapshotRecords++;
        if (snapshot == null || m.getVersion() > snapshot.version()) {
            snapshot = new SnapshotInfo(m.getVersion(), m.getCreatedAt(), m.getStep(), m.getSamplesSeen(), m.getChunkCount());
        }
    }

    /** Follows a sample's ground truth; returns the drift that begins with this sample, or null. */
    DriftMark addSample(long seq, GroundTruth g) {
        samplesRead++;
        lastSeq = Math.max(lastSeq, seq);
        if (g == null) {
            return null;
        }
        String phase = g.getPhase().name();
        boolean gradual = "GRADUAL".equals(phase);
        DriftMark mark = null;
        if (g.getDriftIndex() > lastDriftIndex) {
            // the concept left behind: named by a gradual drift; else the last one seen (this one when none was)
            int from = gradual && g.getFromConceptId() != null ? g.getFromConceptId() : lastConceptId >= 0 ? lastConceptId : g.getConceptId();
            mark = new DriftMark(seq, g.getDriftIndex(), phase, from, gradual ? -1 : g.getConceptId());
            if (drifts.size() == capacity) {
                drifts.remove(0);
            }
            drifts.add(mark);
            lastDriftIndex = g.getDriftIndex();
        }
        if (!gradual) {
            lastConceptId = g.getConceptId();
        }
        return mark;
    }

    void addDeadLetter() {
        deadLetterRecords++;
    }

    public String id() {
        return id;
    }

    /** Window/fading loss, and accuracy for classification, over samples seen. */
    public SeriesTable metrics() {
        return metrics;
    }

    /** α per step-size block (one column per block name) over samples seen. */
    public SeriesTable alpha() {
        return alpha;
    }

    /** True once a metrics record carried an accuracy: the stream is a classification task. */
    public boolean classification() {
        return metrics.columns().contains(WINDOW_ACCURACY);
    }

    public List<DriftMark> drifts() {
        return List.copyOf(drifts);
    }

    public PrequentialMetrics latestMetrics() {
        return latestMetrics;
    }

    public StepSizeSnapshot latestStepSizes() {
        return latestStepSizes;
    }

    /** The newest snapshot, or null before the first. */
    public SnapshotInfo snapshot() {
        return snapshot;
    }

    public long metricsRecords() {
        return metricsRecords;
    }

    public long stepSizeRecords() {
        return stepSizeRecords;
    }

    public long snapshotRecords() {
        return snapshotRecords;
    }

    public long samplesRead() {
        return samplesRead;
    }

    /** Highest sample seq read from the samples topic; -1 before the first. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Records of this stream read from the dead-letter topic. */
    public long deadLetterRecords() {
        return deadLetterRecords;
    }

    /** Concept of the latest sample, from the metrics (the job copies it from the ground truth); null when unknown. */
    public Integer conceptId() {
        return conceptId;
    }
}
