package dev.driftwise.cli.demo;

import dev.driftwise.cli.broker.BrokerProbe;
import dev.driftwise.cli.broker.LocalKafkaBroker;
import dev.driftwise.cli.progress.BrokerStatus;
import dev.driftwise.cli.progress.OutputWatcher;
import dev.driftwise.cli.progress.ProgressLines;
import dev.driftwise.cli.progress.StreamHistory;
import dev.driftwise.cli.report.DemoReport;
import dev.driftwise.cli.report.StreamSummary;
import dev.driftwise.consumers.tail.TopicKind;
import dev.driftwise.dashboard.Dashboard;
import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.pipeline.TopicCreator;
import dev.driftwise.streams.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * One demo run: broker (embedded or {@code --bootstrap}), topics, generator, the Flink job in a
 * local environment, progress lines, and at the end the report. {@link #stop()} (Ctrl-C) ends the
 * run early; everything started is stopped in reverse order whatever happens.
 */
public final class Demo {

    private final DemoSettings settings;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public Demo(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Asks a running demo to wrap up now (it still cleans up and writes its report). */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has cleaned up, at most {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public DemoResult run() throws Exception {
        try {
            return runOnce();
        } finally {
            finished.countDown();
        }
    }

    private DemoResult runOnce() throws Exception {
        Map<String, String> models = StreamModels.of(Scenarios.load(settings.scenario(), null).streams());
        String runId = UUID.randomUUID().toString().substring(0, 8);
        LocalKafkaBroker broker = null;
        OutputWatcher watcher = null;
        Dashboard dashboard = null;
        GeneratorRun generator = null;
        JobClient job = null;
        long launched = System.nanoTime();
        long start;
        boolean early;
        checkJobSettings("127.0.0.1:9092", runId, models); // a bad --optimizer fails before a broker starts
        DemoReport.prepareCharts();
        try {
            String bootstrap;
            if (settings.bootstrap() == null) {
                out.println("driftwise demo: starting a Kafka broker (KRaft, 127.0.0.1 only)…");
                broker = LocalKafkaBroker.start();
                bootstrap = broker.bootstrap();
            } else {
                BrokerProbe.requireReachable(settings.kafka(), Duration.ofSeconds(10));
                bootstrap = settings.kafka().bootstrapServers();
            }
            JobOptions options = checkJobSettings(bootstrap, runId, models); // with the external broker's Kafka settings
            List<String> created = TopicCreator.createMissing(options);
            out.println(String.format(Locale.ROOT, "driftwise demo: broker %s ready after %.1f s%s", bootstrap,
                    (System.nanoTime() - launched) / 1e9, created.isEmpty() ? "" : ", created topics " + created));
            dashboard = startDashboard(options);
            watcher = new OutputWatcher(options.kafka, List.of(options.metricsTopic, options.stepSizesTopic, options.modelsTopic, options.samplesTopic), out::println);
            out.println("driftwise demo: generator on scenario '" + settings.scenario() + "' " + models
                    + (settings.rate() != null ? " at " + settings.rate() + " samples/s" : " at the scenario's rates"));
            BrokerStatus brokerStatus = new BrokerStatus(out::println);
            // the generator waits for an absent broker as long as the demo runs: the demo ends on time either way
            generator = new GeneratorRun(settings.scenario(), settings.rate(), bootstrap, options.samplesTopic, settings.duration(),
                    brokerStatus, externalKafkaArgs());
            job = OnlineTrainingJob.start(options, new Learners(), flinkConfig());
            out.println(String.format(Locale.ROOT, "driftwise demo: Flink job %s running locally (everything up in %.1f s);"
                    + " progress every %d s for %d s (Ctrl-C stops)", job.getJobID(), (System.nanoTime() - launched) / 1e9,
                    settings.progressEvery().toSeconds(), settings.duration().toSeconds()));
            start = System.nanoTime();
            early = watch(watcher, generator, brokerStatus, job, models, start);
            generator.close();
            // the job commits its outputs at each checkpoint: give it one more before cancelling
            waitQuietly(options.checkpointInterval.plusMillis(500));
            double seconds = (System.nanoTime() - start) / 1e9;
            watcher.close(); // the report reads histories that no longer change
            return report(watcher, models, bootstrap, seconds, early);
        } finally {
            if (generator != null) {
                generator.close();
            }
            if (job != null) {
                cancel(job);
            }
            if (watcher != null) {
                watcher.close();
            }
            if (dashboard != null) {
                dashboard.close();
            }
            if (broker != null) {
                broker.close();
            }
            out.println(String.format(Locale.ROOT, "driftwise demo: stopped everything (%.1f s in all)", (System.nanoTime() - launched) / 1e9));
        }
    }

    /** The live dashboard on the demo's topics (read from their beginning), when --dashboard asked for one. */
    private Dashboard startDashboard(JobOptions options) throws IOException {
        if (settings.dashboardPort() == null) {
            return null;
        }
        Map<TopicKind, String> topics = new LinkedHashMap<>();
        topics.put(TopicKind.METRICS, options.metricsTopic);
        topics.put(TopicKind.STEPSIZES, options.stepSizesTopic);
        topics.put(TopicKind.MODELS, options.modelsTopic);
        topics.put(TopicKind.DLQ, options.dlqTopic);
        topics.put(TopicKind.SAMPLES, options.samplesTopic);
        Dashboard d;
        try {
            d = Dashboard.start(new Dashboard.Settings(options.kafka, topics,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.dashboardPort()), true, 2000));
        } catch (BindException e) {
            throw new IOException("--dashboard " + settings.dashboardPort() + ": that port is taken (" + e.getMessage()
                    + "); pick another, or --dashboard 0 for any free one", e);
        }
        out.println("driftwise demo: dashboard on " + d.url() + " (live while the demo runs)");
        return d;
    }

    /** Prints progress until the duration is over or a stop is requested; fails fast when a part died. */
    private boolean watch(OutputWatcher watcher, GeneratorRun generator, BrokerStatus brokerStatus, JobClient job,
                          Map<String, String> models, long start) throws Exception {
        long deadline = start + settings.duration().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (stopRequested.await(Math.min(left, settings.progressEvery().toNanos()), TimeUnit.NANOSECONDS)) {
                out.println("driftwise demo: stopping (Ctrl-C)…");
                return true;
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // rethrows the job's failure
                throw new IllegalStateException("the Flink job ended before the demo did");
            }
            if (generator.failed()) {
                throw new IllegalStateException("the generator stopped with exit code " + generator.exitCode() + " (its error is above)");
            }
            if (watcher.failure() != null) {
                throw watcher.failure();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            String outage = brokerStatus.progressLine(elapsed);
            if (outage != null) {
                out.println(outage);
            }
            for (String id : models.keySet()) {
                out.println(ProgressLines.line(watcher.historyOf(id), elapsed));
            }
        }
    }

    private DemoResult report(OutputWatcher watcher, Map<String, String> models, String bootstrap, double seconds,
                                       boolean early) throws Exception {
        List<StreamHistory> histories = new ArrayList<>();
        models.keySet().forEach(id -> histories.add(watcher.historyOf(id)));
        DemoReport.RunInfo info = new DemoReport.RunInfo(settings.scenario(),
                settings.optimizer() == null ? "(job default)" : settings.optimizer(),
                settings.bootstrap() == null ? "embedded" : bootstrap, seconds, early, models);
        List<StreamSummary> summaries = DemoReport.write(settings.reportDir(), info, histories);
        for (StreamSummary s : summaries) {
            out.println(String.format(Locale.ROOT, "driftwise demo: %-11s %,d samples, final window loss %s, %d snapshot versions, %d drifts",
                    s.streamId(), s.samples(), s.finalWindowLoss() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.finalWindowLoss()),
                    s.snapshotVersions(), s.drifts().size()));
        }
        out.println("driftwise demo: report in " + settings.reportDir().toAbsolutePath() + " (summary.md, summary.json, charts)");
        return new DemoResult(summaries, histories);
    }

    private JobOptions checkJobSettings(String bootstrap, String runId, Map<String, String> models) {
        JobOptions options = JobOptions.parse(jobArgs(bootstrap, runId, models).toArray(String[]::new));
        Learners.check(options.defaults);
        models.keySet().forEach(id -> Learners.check(options.settingsFor(id)));
        return options;
    }

    List<String> jobArgs(String bootstrap, String runId, Map<String, String> models) {
        List<String> a = new ArrayList<>(List.of(
                "--bootstrap", bootstrap,
                "--group-id", "driftwise-demo-" + runId,
                "--transactional-id-prefix", "driftwise-demo-" + runId,
                "--job-name", "driftwise demo (" + settings.scenario() + ")",
                "--checkpoint-interval", "2s",
                "--snapshot-every", "10",
                "--stepsizes-every", "5",
                "--metrics-every", "250",
                "--metrics-window", "500"));
        if (settings.optimizer() != null) {
            a.addAll(List.of("--optimizer", settings.optimizer()));
        }
        a.addAll(externalKafkaArgs());
        models.forEach((id, model) -> a.addAll(List.of("--stream." + id + ".model", model)));
        return a;
    }

    /** The user's Kafka client settings, for an external broker; the embedded one is plaintext. */
    private List<String> externalKafkaArgs() {
        return settings.bootstrap() == null ? List.of() : settings.kafkaArgs();
    }

    static Configuration flinkConfig() {
        Configuration conf = new Configuration();
        // the job leaves parallelism to its cluster; the demo's local one keeps it at 1 (a laptop's cores go to DJL)
        conf.setString("parallelism.default", "1");
        // a failure should end the demo with its reason, not restart forever (stack notes §9.5)
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "1");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-port", "0");
        return conf;
    }

    private static void cancel(JobClient job) {
        try {
            if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // already gone (finished, failed, or its local cluster shut down): nothing left to stop
        }
    }

    private void waitQuietly(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
