package dev.driftwise.kafka.settings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE} and {@code --kafka-property KEY=VALUE}: a picocli mixin every command that
 * talks to Kafka carries, so each reads and checks its client settings the same way.
 */
public final class KafkaClientOptions {

    @Option(names = "--kafka-config", paramLabel = "FILE", order = 90,
            description = "Kafka client settings as a Java properties file, like --command-config of Kafka's own tools"
                    + " (security.protocol, sasl.*, ssl.*, ...), applied to every consumer, producer and admin client."
                    + " Keep secrets here, not on the command line.")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", order = 91,
            description = "One Kafka client setting for every client, e.g. security.protocol=SSL (repeatable; wins over --kafka-config).")
    Map<String, String> properties = new LinkedHashMap<>();

    /**
     * The run's settings; warnings (settings no Kafka client defines) go to {@code err}.
     *
     * @param bootstrapFlag    the command's {@code --bootstrap}, or null when not given
     * @param defaultBootstrap brokers when neither the flag nor the settings name them, or null if they must be given
     * @throws KafkaSettingsException naming the setting to fix
     */
    public KafkaSettings settings(String bootstrapFlag, String defaultBootstrap, PrintWriter err) {
        KafkaSettings s = KafkaSettings.resolve(bootstrapFlag, defaultBootstrap, configFile, properties);
        for (String w : s.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        return s;
    }

    /** Whether either option was given. */
    public boolean given() {
        return configFile != null || !properties.isEmpty();
    }

    /** The options as arguments, to hand the same settings to a command run in this JVM. */
    public List<String> asArgs() {
        List<String> args = new ArrayList<>();
        if (configFile != null) {
            args.add("--kafka-config");
            args.add(configFile.toString());
        }
        properties.forEach((k, v) -> {
            args.add("--kafka-property");
            args.add(k + "=" + v);
        });
        return args;
    }
}
