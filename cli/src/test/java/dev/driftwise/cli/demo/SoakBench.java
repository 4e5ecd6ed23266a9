package dev.driftwise.cli.demo;

import dev.driftwise.cli.DemoCommand;
import dev.driftwise.cli.broker.LocalKafkaBroker;
import dev.driftwise.cli.progress.OutputWatcher;
import dev.driftwise.cli.report.StreamCharts;
import dev.driftwise.jobs.OnlineTrainingJob;
import dev.driftwise.jobs.learn.Learners;
import dev.driftwise.jobs.options.JobOptions;
import dev.driftwise.jobs.pipeline.TopicCreator;
import dev.driftwise.streams.scenario.Scenarios;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Soak benchmark (not a test: {@code scripts/soak}): the demo's job in this JVM, as on a TaskManager, fed at a
 * fixed rate by the generator in a child JVM through Kafka's broker in another, for a long run. Every
 * {@code --sample-every} it takes a class histogram (which runs a full GC first) and records the heap used
 * after it, the JVM's resident memory, the live DJL NDArrays ({@code PtNDArray} instances still reachable)
 * and how far the job is behind the input. Writes samples.csv, memory.png and summary.md: growth of heap and
 * RSS after the warm-up, median of the first minute against the last. {@code --with-demo-history} also runs
 * the demo's progress reader (its per-stream chart history) here, to tell its growth from the job's.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "The demo's job at a fixed rate for a long run, memory sampled.")
public final class SoakBench implements Callable<Integer> {

    private record Sample(double minutes, double heapMb, double rssMb, long ndArrays, long inputEnd, long learned) {}

    @Option(names = "--duration", defaultValue = "30m", converter = DemoCommand.DurationText.class, description = "run length (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5m", converter = DemoCommand.DurationText.class, description = "left out of the growth (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    @Option(names = "--sample-every", defaultValue = "10s", converter = DemoCommand.DurationText.class, description = "(default: ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--scenario", defaultValue = "mixed-demo", description = "generator scenario (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--rate", defaultValue = "3000", description = "total samples/s (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--with-demo-history", description = "also run the demo's progress reader (its chart history) in this JVM")
    boolean demoHistory;

    @Option(names = "--out", description = "folder for samples.csv, memory.png, summary.md (default: target/soak-<time>)")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = out != null ? out : Path.of("target/soak-" + Instant.now().toString().replace(':', '-'));
        Files.createDirectories(out);
        System.setProperty("java.awt.headless", "true");

        Map<String, String> models = StreamModels.of(Scenarios.load(scenario, null).streams());
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<Sample> samples = new ArrayList<>();
        Process generator = null;
        JobClient job = null;
        OutputWatcher watcher = null;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
            String bootstrap = broker.bootstrap();
            Demo demo = new Demo(new DemoSettings(scenario, Double.valueOf(rate), null, bootstrap, duration, out, every), System.out);
            JobOptions options = JobOptions.parse(demo.jobArgs(bootstrap, runId, models).toArray(String[]::new));
            TopicCreator.createMissing(options);
            if (demoHistory) {
                watcher = new OutputWatcher(options.kafka, List.of(options.metricsTopic, options.stepSizesTopic, options.modelsTopic,
                        options.samplesTopic), line -> { });
            }
            generator = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "dev.driftwise.streams.cli.GenCommand", "--bootstrap", bootstrap, "--scenario", scenario, "--rate", rate,
                    "--topic", options.samplesTopic, "--no-progress").redirectErrorStream(true)
                    .redirectOutput(out.resolve("generator.log").toFile()).start();
            job = OnlineTrainingJob.start(options, new Learners(), Demo.flinkConfig());
            System.out.printf(Locale.ROOT, "soak: %s at %s samples/s for %d min, sampling every %d s%s; job %s%n", scenario, rate,
                    duration.toMinutes(), every.toSeconds(), demoHistory ? ", with the demo's progress history" : "", job.getJobID());
            long start = System.nanoTime();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                while (System.nanoTime() - start < duration.toNanos()) {
                    long next = start + (samples.size() + 1) * every.toNanos();
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    if (!generator.isAlive() || job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                        throw new IllegalStateException("the generator or the job stopped; see " + out.resolve("generator.log"));
                    }
                    samples.add(sample((System.nanoTime() - start) / 60e9, admin, options));
                    Sample s = samples.get(samples.size() - 1);
                    System.out.printf(Locale.ROOT, "[%6.2f min] heap %.1f MB  rss %.1f MB  NDArrays %d  input %,d  learned %,d%n",
                            s.minutes(), s.heapMb(), s.rssMb(), s.ndArrays(), s.inputEnd(), s.learned());
                }
            }
        } finally {
            if (generator != null) {
                generator.destroy();
            }
            if (job != null) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the local cluster is going away with this JVM
                }
            }
            if (watcher != null) {
                watcher.close();
            }
        }
        write(out, samples, warmUp, scenario, rate, demoHistory);
        return 0;
    }

    /** Full GC (the histogram runs one), then heap used, RSS, live NDArrays, input end and the job's committed position. */
    private static Sample sample(double minutes, Admin admin, JobOptions options) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+ai\\.djl\\.pytorch\\.engine\\.PtNDArray\\s").matcher(histogram);
        long ndArrays = m.find() ? Long.parseLong(m.group(1)) : 0;
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(options.samplesTopic)).allTopicNames().get().get(options.samplesTopic).partitions()
                .forEach(p -> latest.put(new TopicPartition(options.samplesTopic, p.partition()), OffsetSpec.latest()));
        long inputEnd = admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        long learned = admin.listConsumerGroupOffsets(options.groupId).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum(); // the source commits its position at checkpoints
        return new Sample(minutes, heapMb, rssMb(), ndArrays, inputEnd, learned);
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static void write(Path out, List<Sample> samples, Duration warmUp, String scenario, String rate, boolean demoHistory)
            throws IOException {
        StringBuilder csv = new StringBuilder("minutes,heap_mb_after_gc,rss_mb,live_ndarrays,input_end_offset,learned_offset\n");
        samples.forEach(s -> csv.append(String.format(Locale.ROOT, "%.3f,%.2f,%.2f,%d,%d,%d%n", s.minutes(), s.heapMb(), s.rssMb(),
                s.ndArrays(), s.inputEnd(), s.learned())));
        Files.writeString(out.resolve("samples.csv"), csv);
        double w = warmUp.toSeconds() / 60.0;
        double last = samples.get(samples.size() - 1).minutes();
        List<Sample> after = samples.stream().filter(s -> s.minutes() >= w).toList();
        List<Sample> first = after.stream().filter(s -> s.minutes() < w + 1).toList();
        List<Sample> end = after.stream().filter(s -> s.minutes() >= last - 1).toList();
        String summary = String.format(Locale.ROOT, """
                # Soak run
                scenario %s at %s samples/s, %.1f min, warm-up %.0f min%s; %d samples
                | measure | first minute after warm-up (median) | last minute (median) | growth | slope after warm-up |
                |---|---|---|---|---|
                | heap after full GC (MB) | %.1f | %.1f | %+.1f %% | %+.3f MB/min |
                | RSS (MB) | %.1f | %.1f | %+.1f %% | %+.3f MB/min |
                | live NDArrays | %.0f | %.0f | %+.1f %% | %+.2f /min |
                learned %,d of %,d input records at the end (lag %,d)
                """, scenario, rate, last, w, demoHistory ? ", with the demo's progress history" : "", samples.size(),
                median(first, Sample::heapMb), median(end, Sample::heapMb), growth(first, end, Sample::heapMb), slope(after, Sample::heapMb),
                median(first, Sample::rssMb), median(end, Sample::rssMb), growth(first, end, Sample::rssMb), slope(after, Sample::rssMb),
                median(first, s -> s.ndArrays()), median(end, s -> s.ndArrays()), growth(first, end, s -> s.ndArrays()),
                slope(after, s -> s.ndArrays()), samples.get(samples.size() - 1).learned(), samples.get(samples.size() - 1).inputEnd(),
                samples.get(samples.size() - 1).inputEnd() - samples.get(samples.size() - 1).learned());
        Files.writeString(out.resolve("summary.md"), summary);
        System.out.println(summary);
        StreamCharts.writePng(chart(samples, w), out.resolve("memory.png"));
        System.out.println("soak: wrote " + out.toAbsolutePath() + " (samples.csv, memory.png, summary.md)");
    }

    private static JFreeChart chart(List<Sample> samples, double warmUpMinutes) {
        XYSeriesCollection memory = new XYSeriesCollection();
        XYSeries heap = new XYSeries("heap after full GC (MB)");
        XYSeries rss = new XYSeries("RSS (MB)");
        XYSeriesCollection arrays = new XYSeriesCollection();
        XYSeries live = new XYSeries("live NDArrays");
        for (Sample s : samples) {
            heap.add(s.minutes(), s.heapMb());
            rss.add(s.minutes(), s.rssMb());
            live.add(s.minutes(), s.ndArrays());
        }
        memory.addSeries(heap);
        memory.addSeries(rss);
        arrays.addSeries(live);
        XYPlot plot = new XYPlot(memory, new NumberAxis("minutes"), new NumberAxis("MB"), new XYLineAndShapeRenderer(true, false));
        plot.setDataset(1, arrays);
        plot.setRangeAxis(1, new NumberAxis("live NDArrays"));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new XYLineAndShapeRenderer(true, false));
        plot.addDomainMarker(new ValueMarker(warmUpMinutes));
        return new JFreeChart("job memory over a soak run (warm-up until the marker)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static double median(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double growth(List<Sample> first, List<Sample> end, java.util.function.ToDoubleFunction<Sample> f) {
        return 100 * (median(end, f) / median(first, f) - 1);
    }

    /** Least-squares slope per minute. */
    private static double slope(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        double n = s.size();
        double mx = s.stream().mapToDouble(Sample::minutes).sum() / n;
        double my = s.stream().mapToDouble(f).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample x : s) {
            sxy += (x.minutes() - mx) * (f.applyAsDouble(x) - my);
            sxx += (x.minutes() - mx) * (x.minutes() - mx);
        }
        return sxy / sxx;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
