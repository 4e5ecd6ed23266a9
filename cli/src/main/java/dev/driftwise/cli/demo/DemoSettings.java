package dev.driftwise.cli.demo;

import dev.driftwise.kafka.settings.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One demo run's settings.
 *
 * @param bootstrap    an external broker, or null for the embedded one
 * @param rate         total samples/s over all streams, or null for the scenario's rates
 * @param optimizer    the job's {@code --optimizer}, or null for its default
 * @param progressEvery how often the progress lines are printed
 * @param dashboardPort the live dashboard's port on 127.0.0.1 (0: any free one), or null for no dashboard
 * @param kafka        the Kafka client settings of the external broker (with {@code bootstrap}), or null for the embedded one
 * @param kafkaArgs    the {@code --kafka-config} / {@code --kafka-property} arguments, handed on to the generator and the job
 */
public record DemoSettings(String scenario, Double rate, String optimizer, String bootstrap, Duration duration,
                           Path reportDir, Duration progressEvery, Integer dashboardPort, KafkaSettings kafka, List<String> kafkaArgs) {

    /** On a plaintext broker: the embedded one, or {@code bootstrap} with Kafka's default client settings. */
    public DemoSettings(String scenario, Double rate, String optimizer, String bootstrap, Duration duration,
                        Path reportDir, Duration progressEvery, Integer dashboardPort) {
        this(scenario, rate, optimizer, bootstrap, duration, reportDir, progressEvery, dashboardPort,
                bootstrap == null ? null : KafkaSettings.of(bootstrap), List.of());
    }

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
