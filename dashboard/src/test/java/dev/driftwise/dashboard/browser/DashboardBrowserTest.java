package dev.driftwise.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.consumers.testkit.EmbeddedKafka;
import dev.driftwise.consumers.testkit.EmbeddedKafka.KeyedValue;
import dev.driftwise.dashboard.Dashboard;
import dev.driftwise.dashboard.testkit.LiveTraffic;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver), fed by a real broker
 * while a producer keeps writing: both streams get charts with points, the points grow, drift marks
 * and the malformed count show. Leaves target/screenshots/dashboard.png.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y --no-install-recommends chromium chromium-driver";

    @Test
    void chartsHoldPointsForEachStreamAndGrowWhileDataFlows() throws Exception {
        requireBrowser();
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            for (TopicKind k : TopicKind.values()) {
                kafka.createTopic(k.defaultTopic(), 1);
            }
            LiveTraffic traffic = new LiveTraffic(kafka);
            traffic.next(40); // some history before the page opens: past both drift starts
            kafka.send(TopicKind.METRICS.defaultTopic(), List.of(new KeyedValue("sea", "garbage".getBytes(StandardCharsets.UTF_8))));
            ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
            try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(kafka.bootstrap(), Dashboard.defaultTopics(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, 2000))) {
                producer.scheduleWithFixedDelay(() -> traffic.next(1), 0, 300, TimeUnit.MILLISECONDS);
                WebDriver browser = browser();
                try {
                    check(browser, dashboard);
                } finally {
                    browser.quit();
                }
            } finally {
                producer.shutdown(); // not shutdownNow(): an interrupted transactional producer logs errors
                producer.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void check(WebDriver browser, Dashboard dashboard) throws Exception {
        browser.get(dashboard.url());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage(() -> "both streams with points in both charts; the page shows " + counts(js))
                .until(b -> {
                    Map<String, long[]> c = counts(js);
                    return c.size() == 2 && c.values().stream().allMatch(p -> p[0] > 0 && p[1] > 0);
                });
        Map<String, long[]> first = counts(js);
        assertEquals(List.of("friedman", "sea"), first.keySet().stream().sorted().toList());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, long[]> later = first;
        while (System.nanoTime() < deadline && !grew(first, later)) {
            Thread.sleep(250);
            later = counts(js);
        }
        assertTrue(grew(first, later), "points per stream [metrics, alpha] did not grow while the producer wrote: first "
                + show(first) + ", 20 s later " + show(later));

        assertEquals(4, browser.findElements(By.cssSelector(".uplot")).size(), "two charts per stream");
        for (String stream : List.of("sea", "friedman")) {
            String panel = "article[data-stream='" + stream + "']";
            assertEquals("1", attribute(js, panel, "data-drifts"), stream + ": drift marks on the page");
            String version = text(js, panel + " [data-fact='snapshot-version'] b");
            assertTrue(version.matches("v\\d+"), stream + ": snapshot version shown as '" + version + "'");
            String age = text(js, panel + " [data-fact='snapshot-age'] b");
            assertTrue(age.matches("\\d+ s"), stream + ": snapshot age shown as '" + age + "'");
        }
        assertEquals("classification", text(js, "article[data-stream='sea'] .badge"));
        assertEquals("regression", text(js, "article[data-stream='friedman'] .badge"));
        assertEquals("1", text(js, "tr[data-kind='metrics'] td.malformed"), "malformed metrics records shown in the topic table");
        assertEquals("live", text(js, "#connection"));

        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("dashboard.png"), png);
        assertTrue(png.length > 20_000, "screenshot of " + png.length + " bytes: an empty page?");
    }

    /**
     * The text of the element {@code selector} finds, read in one script: the page redraws its facts on
     * every update, so an element found by one WebDriver call may be gone by the next.
     */
    private static String text(JavascriptExecutor js, String selector) {
        Object t = js.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", selector);
        assertTrue(t != null, "nothing on the page matches " + selector);
        return t.toString();
    }

    private static String attribute(JavascriptExecutor js, String selector, String name) {
        Object t = js.executeScript("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null", selector, name);
        assertTrue(t != null, "no " + name + " on " + selector);
        return t.toString();
    }

    /** stream id -> [points in the metrics chart, points in the α chart], as uPlot holds them. */
    @SuppressWarnings("unchecked")
    private static Map<String, long[]> counts(JavascriptExecutor js) {
        Object result = js.executeScript("return window.driftwiseDashboard ? window.driftwiseDashboard.pointCounts() : []");
        Map<String, long[]> counts = new HashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) result) {
            counts.put((String) row.get("stream"), new long[] {((Number) row.get("metrics")).longValue(), ((Number) row.get("alpha")).longValue()});
        }
        return counts;
    }

    private static boolean grew(Map<String, long[]> before, Map<String, long[]> after) {
        for (Map.Entry<String, long[]> e : before.entrySet()) {
            long[] now = after.get(e.getKey());
            if (now == null || now[0] <= e.getValue()[0] || now[1] <= e.getValue()[1]) {
                return false;
            }
        }
        return true;
    }

    private static String show(Map<String, long[]> counts) {
        StringBuilder s = new StringBuilder("{");
        counts.forEach((k, v) -> s.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        return s.append('}').toString();
    }

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = (Files.isExecutable(CHROMIUM) ? "" : CHROMIUM + " ") + (Files.isExecutable(CHROMEDRIVER) ? "" : CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            fail("missing " + missing.trim() + ": .ci/run should have installed it (" + INSTALL + ")");
        }
        Assumptions.abort("browser test skipped: missing " + missing.trim() + "; install with: " + INSTALL);
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
