package dev.driftwise.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftwise.cli.progress.StreamHistory;
import dev.driftwise.cli.report.StreamCharts;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo in this JVM: a real broker in a child JVM, the generator, the Flink job in a local
 * environment, for 15 s at 3,000 samples/s; then the report must hold charts with data and a
 * summary that shows every stream learned and published snapshots; with --dashboard, the live page
 * showed every stream with points while the demo ran.
 */
class DemoEndToEndTest {

    private static final List<String> STREAMS = List.of("sea", "hyperplane", "agrawal");

    @Test
    void shortDemoWritesChartsWithDataAndSummaryWithSnapshots(@TempDir Path tmp) throws Exception {
        Path reportDir = tmp.resolve("report");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoSettings settings = new DemoSettings("mixed-demo", 3000.0, null, null, Duration.ofSeconds(15), reportDir,
                Duration.ofSeconds(4), 0);

        CompletableFuture<JsonNode> dashboardState = CompletableFuture.supplyAsync(() -> watchDashboard(printed));
        DemoResult result = new Demo(settings, out).run();
        String log = printed.toString(StandardCharsets.UTF_8);
        System.out.println(log);

        // --dashboard: while the demo ran, its dashboard showed every stream with points in both charts
        JsonNode state = dashboardState.get(30, TimeUnit.SECONDS);
        assertTrue(state != null, "the dashboard never showed all three streams with metrics and α points; printed:\n" + log);
        for (JsonNode s : state.get("streams")) {
            assertTrue(s.at("/metrics/x").size() > 0 && s.at("/alpha/x").size() > 0, "dashboard stream " + s.get("id") + ": " + s);
        }

        JsonNode summary = new ObjectMapper().readTree(reportDir.resolve("summary.json").toFile());
        Set<String> seen = new TreeSet<>();
        for (JsonNode s : summary.get("streams")) {
            String id = s.get("streamId").asText();
            seen.add(id);
            assertTrue(s.get("samples").asLong() > 0, id + ": samples in summary.json = " + s.get("samples") + ", expected > 0");
            assertTrue(s.get("snapshotVersions").asLong() >= 1,
                    id + ": snapshotVersions = " + s.get("snapshotVersions") + ", expected >= 1\n" + log);
        }
        assertEquals(new TreeSet<>(STREAMS), seen, "streams in summary.json");
        assertEquals("logistic:10", summary.at("/run/modelByStream/hyperplane").asText(), "model derived from the scenario");
        assertTrue(Files.readString(reportDir.resolve("summary.md")).contains("| sea | `logistic:3` |"), "summary.md table row for sea");

        // Each PNG must differ from the same kind of chart drawn with no data (an empty plot): compare
        // pixels, not file sizes — a nearly flat α line adds few bytes but many pixels.
        for (String id : STREAMS) {
            StreamHistory empty = new StreamHistory(id);
            assertDrawn(reportDir.resolve(id + "-loss.png"), StreamCharts.lossChart(empty), tmp);
            assertDrawn(reportDir.resolve(id + "-alpha.png"), StreamCharts.alphaChart(empty), tmp);
        }
        for (StreamHistory h : result.histories()) {
            assertTrue(items(StreamCharts.lossChart(h)) >= 3, h.streamId() + ": loss chart points = " + items(StreamCharts.lossChart(h)));
            assertTrue(items(StreamCharts.alphaChart(h)) >= 3, h.streamId() + ": α chart points = " + items(StreamCharts.alphaChart(h)));
        }
        for (String id : STREAMS) {
            long rounds = log.lines().filter(l -> l.matches("\\[ *\\d+s\\] " + id + " .*")).count();
            assertTrue(rounds >= 3, id + ": " + rounds + " progress lines, expected one every 4 s of 15 s (>= 3); printed:\n" + log);
            assertTrue(log.lines().anyMatch(l -> l.matches("\\[ *\\d+s\\] " + id + " +samples .*model v\\d+.*")),
                    id + ": no progress line with committed metrics and a model version; printed:\n" + log);
        }
    }

    /** The dashboard's state once it shows every stream with metrics and α points, or null when the demo ended first. */
    private static JsonNode watchDashboard(ByteArrayOutputStream printed) {
        Pattern announced = Pattern.compile("dashboard on (http://\\S+/)");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        String url = null;
        try {
            while (System.nanoTime() < deadline) {
                String log = printed.toString(StandardCharsets.UTF_8);
                if (url == null) {
                    Matcher m = announced.matcher(log);
                    url = m.find() ? m.group(1) : null;
                } else {
                    JsonNode state = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/streams")).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    Set<String> ready = new TreeSet<>();
                    for (JsonNode s : state.get("streams")) {
                        if (s.at("/metrics/x").size() > 0 && s.at("/alpha/x").size() > 0) {
                            ready.add(s.get("id").asText());
                        }
                    }
                    if (ready.containsAll(STREAMS)) {
                        return state;
                    }
                }
                if (log.contains("stopped everything")) {
                    return null;
                }
                Thread.sleep(500);
            }
        } catch (Exception e) {
            return null; // the dashboard went away with the demo
        }
        return null;
    }

    private static int items(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        return plot.getDataset() == null || plot.getDataset().getSeriesCount() == 0 ? 0 : plot.getDataset().getItemCount(0);
    }

    private static void assertDrawn(Path chart, JFreeChart emptyOfSameKind, Path tmp) throws Exception {
        Path emptyPng = tmp.resolve("empty-" + chart.getFileName());
        StreamCharts.writePng(emptyOfSameKind, emptyPng);
        BufferedImage drawn = ImageIO.read(chart.toFile());
        BufferedImage blank = ImageIO.read(emptyPng.toFile());
        assertEquals(blank.getWidth() + "x" + blank.getHeight(), drawn.getWidth() + "x" + drawn.getHeight(), chart + ": size");
        int differing = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                if (drawn.getRGB(x, y) != blank.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 500, chart + ": only " + differing + " pixels differ from an empty chart of the same kind");
    }
}
