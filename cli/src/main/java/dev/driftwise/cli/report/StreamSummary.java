package dev.driftwise.cli.report;

import dev.driftwise.cli.progress.StreamHistory;
import java.util.List;
import java.util.Map;

/** What happened to one stream in a demo run: the numbers of summary.md and summary.json. */
public record StreamSummary(String streamId, String model, long samples, Double finalWindowLoss, Double finalWindowAccuracy,
                            Map<String, Double> finalAlpha, long snapshotVersions, long snapshotsRead,
                            List<StreamHistory.Drift> drifts, List<String> charts) {

    static StreamSummary of(StreamHistory h, String model, List<String> charts) {
        StreamHistory.MetricsPoint m = h.latestMetrics();
        StreamHistory.AlphaPoint a = h.latestAlphas();
        return new StreamSummary(h.streamId(), model, m == null ? 0 : m.samples(), m == null ? null : m.windowLoss(),
                m == null ? null : m.windowAccuracy(), a == null ? Map.of() : a.alphaByBlock(), h.latestModelVersion(),
                h.modelSnapshots(), h.drifts(), charts);
    }
}
