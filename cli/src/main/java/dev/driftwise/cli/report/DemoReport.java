package dev.driftwise.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.driftwise.cli.progress.StreamHistory;
import org.jfree.chart.ChartUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report folder of a demo run: two PNG charts per stream, summary.md and summary.json. */
public final class DemoReport {

    /** How the run was set up, for the report's header. */
    public record RunInfo(String scenario, String optimizer, String bootstrap, double seconds, boolean stoppedEarly,
                          Map<String, String> modelByStream) {}

    private DemoReport() {}

    /**
     * Draws both charts once into memory. Java2D opens its font files lazily and registers a
     * shutdown hook when it does; after Ctrl-C no hook can be added, so the report written during
     * shutdown needs the fonts open already.
     */
    public static void prepareCharts() throws IOException {
        System.setProperty("java.awt.headless", "true");
        StreamHistory empty = new StreamHistory("warm-up");
        ChartUtils.writeChartAsPNG(OutputStream.nullOutputStream(), StreamCharts.lossChart(empty), 200, 100);
        ChartUtils.writeChartAsPNG(OutputStream.nullOutputStream(), StreamCharts.alphaChart(empty), 200, 100);
    }

    /** Writes the folder (created if missing) and returns the per-stream summaries. */
    public static List<StreamSummary> write(Path dir, RunInfo run, List<StreamHistory> histories) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<StreamSummary> summaries = new ArrayList<>();
        for (StreamHistory h : histories) {
            String loss = h.streamId() + "-loss.png";
            String alpha = h.streamId() + "-alpha.png";
            StreamCharts.writePng(StreamCharts.lossChart(h), dir.resolve(loss));
            StreamCharts.writePng(StreamCharts.alphaChart(h), dir.resolve(alpha));
            summaries.add(StreamSummary.of(h, run.modelByStream().get(h.streamId()), List.of(loss, alpha)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("streams", summaries);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), json);
        Files.writeString(dir.resolve("summary.md"), markdown(run, summaries), StandardCharsets.UTF_8);
        return summaries;
    }

    static String markdown(RunInfo run, List<StreamSummary> summaries) {
        StringBuilder md = new StringBuilder();
        md.append("# driftwise demo report\n\n");
        md.append(String.format(Locale.ROOT, "Scenario `%s`, optimizer `%s`, broker `%s`, %.0f s%s.%n%n", run.scenario(),
                run.optimizer(), run.bootstrap(), run.seconds(), run.stoppedEarly() ? " (stopped early)" : ""));
        md.append("| stream | model | samples | window loss | window accuracy | α (last) | snapshot versions | drifts seen |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (StreamSummary s : summaries) {
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %,d | %s | %s | %s | %d | %d |%n", s.streamId(), s.model(),
                    s.samples(), num(s.finalWindowLoss()), num(s.finalWindowAccuracy()), alphaText(s.finalAlpha()),
                    s.snapshotVersions(), s.drifts().size()));
        }
        md.append("\nDrifts (the generator's ground truth on the samples; position = the stream's sample number):\n\n");
        boolean any = false;
        for (StreamSummary s : summaries) {
            for (StreamHistory.Drift d : s.drifts()) {
                md.append(String.format(Locale.ROOT, "- %s: %s, from sample %,d%n", s.streamId(), d.label(), d.samples()));
                any = true;
            }
        }
        if (!any) {
            md.append("- none in this run (mixed-demo drifts first after 15,000–20,000 samples of a stream; run longer or faster)\n");
        }
        md.append("\n## Charts\n\n");
        for (StreamSummary s : summaries) {
            for (String c : s.charts()) {
                md.append("![").append(c).append("](").append(c).append(")\n");
            }
        }
        return md.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String alphaText(Map<String, Double> alpha) {
        if (alpha.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        alpha.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.2e", v)));
        return b.toString();
    }
}
