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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo in this JVM: a real broker in a child JVM, the generator, the Flink job in a local
 * environment, for 15 s at 3,000 samples/s; then the report must hold charts with data and a
 * summary that shows every stream learned and published snapshots.
 */
class DemoEndToEndTest {

    private static final List<String> STREAMS = List.of("sea", "hyperplane", "agrawal");

    @Test
    void shortDemoWritesChartsWithDataAndSummaryWithSnapshots(@TempDir Path tmp) throws Exception {
        Path reportDir = tmp.resolve("report");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoSettings settings = new DemoSettings("mixed-demo", 3000.0, null, null, Duration.ofSeconds(15), reportDir,
                Duration.ofSeconds(4));

        DemoResult result = new Demo(settings, out).run();
        String log = printed.toString(StandardCharsets.UTF_8);
        System.out.println(log);

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
