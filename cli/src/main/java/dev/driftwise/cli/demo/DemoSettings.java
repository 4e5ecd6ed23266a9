package dev.driftwise.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One demo run's settings.
 *
 * @param bootstrap    an external broker, or null for the embedded one
 * @param rate         total samples/s over all streams, or null for the scenario's rates
 * @param optimizer    the job's {@code --optimizer}, or null for its default
 * @param progressEvery how often the progress lines are printed
 * @param dashboardPort the live dashboard's port on 127.0.0.1 (0: any free one), or null for no dashboard
 */
public record DemoSettings(String scenario, Double rate, String optimizer, String bootstrap, Duration duration,
                           Path reportDir, Duration progressEvery, Integer dashboardPort) {

    /** Without the live dashboard. */
    public DemoSettings(String scenario, Double rate, String optimizer, String bootstrap, Duration duration,
                        Path reportDir, Duration progressEvery) {
        this(scenario, rate, optimizer, bootstrap, duration, reportDir, progressEvery, null);
    }

    public static final String SAMPLES_TOPIC = "driftwise.samples";
    public static final String MODELS_TOPIC = "driftwise.models";
    public static final String STEPSIZES_TOPIC = "driftwise.stepsizes";
    public static final String METRICS_TOPIC = "driftwise.metrics";
}
