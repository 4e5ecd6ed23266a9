package dev.driftwise.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.testing.DriftingStreams;
import dev.driftwise.jobs.testing.KafkaTestBroker;
import dev.driftwise.jobs.testing.LocalFlink;
import dev.driftwise.jobs.testing.SampleWriter;
import dev.driftwise.jobs.testing.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With Flink's Prometheus reporter configured, the learner's metrics are scraped per stream. */
@ExtendWith(KafkaTestBroker.class)
class PrometheusMetricsTest {

    private static final int PORT = 9263;

    @Test
    void learnerMetricsReachPrometheus() throws Exception {
        TestTopics t = new TestTopics("prom").createSamples(1);
        try (SampleWriter w = new SampleWriter(t.samples)) {
            w.write(DriftingStreams.regression(List.of("meter"), 400, 3, 400, 3));
        }
        Configuration conf = LocalFlink.config(0);
        conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(PORT));
        JobClient job = OnlineTrainingJob.start(JobOptions.parse(t.flags("--model", "linear:3",
                "--optimizer", "metaoptimize(base=sgd,meta=lion,alpha0=0.01)", "--micro-batch", "4",
                "--checkpoint-interval", "500ms")), new Learners(), conf);
        String page = "";
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException e) {
                    page = "";
                }
                if (page.lines().anyMatch(l -> l.contains("_samples{") && l.contains("stream=\"meter\"") && l.endsWith(" 400.0"))
                        && page.contains("_alpha{")) {
                    break;
                }
                Thread.sleep(500);
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        String learnerLines = String.join("\n", page.lines().filter(l -> l.contains("stream=\"meter\"")).toList());
        assertTrue(learnerLines.contains("_samples{") && learnerLines.contains(" 400.0"), "samples counter of stream meter:\n" + learnerLines);
        for (String metric : List.of("_windowLoss{", "_deadLetters{", "_stepTimeMicros", "_alpha{", "_modelVersion{")) {
            assertTrue(learnerLines.contains(metric), "no " + metric + " for stream meter in:\n" + learnerLines);
        }
    }
}
