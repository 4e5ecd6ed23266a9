package dev.driftwise.kafka.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka client settings of one run: the brokers and whatever else the user gave (security above all),
 * applied to every consumer, producer and admin client the run opens ({@link #forClient}). Built once
 * at start from {@code --bootstrap}, {@code --kafka-config FILE} and {@code --kafka-property KEY=VALUE}
 * ({@link #resolve}); values Kafka defines are checked then, so a typo fails before any client starts.
 * Secret values never leave through {@link #toString()} or {@link #redact}.
 */
public final class KafkaSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A setting the user gave and where it came from, so a message can point at the place to fix it. */
    record Given(String value, String source) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Given bootstrap;
    private final LinkedHashMap<String, Given> settings;
    private final List<String> warnings;

    private KafkaSettings(Given bootstrap, LinkedHashMap<String, Given> settings, List<String> warnings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
        this.warnings = List.copyOf(warnings);
    }

    /** Just the brokers: a plaintext cluster with Kafka's defaults. */
    public static KafkaSettings of(String bootstrapServers) {
        return resolve(bootstrapServers, null, null, Map.of());
    }

    /**
     * Reads and checks the settings. {@code bootstrap.servers} comes from the {@code --bootstrap} flag when
     * given, else from {@code --kafka-property}, else from the file, else {@code defaultBootstrap}; every other
     * setting from {@code --kafka-property} over the file.
     *
     * @param bootstrapFlag    the command's {@code --bootstrap} value, or null when not given
     * @param defaultBootstrap the command's default brokers, or null when they must be given
     * @param configFile       {@code --kafka-config}, or null
     * @param properties       {@code --kafka-property} entries, in order
     * @throws KafkaSettingsException naming the flag, file or setting to fix
     */
    public static KafkaSettings resolve(String bootstrapFlag, String defaultBootstrap, Path configFile, Map<String, String> properties) {
        LinkedHashMap<String, Given> given = new LinkedHashMap<>();
        if (configFile != null) {
            String source = "--kafka-config " + configFile;
            read(configFile).forEach((k, v) -> given.put(k, new Given(v, source)));
        }
        properties.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new KafkaSettingsException("--kafka-property '=" + v + "': the setting's name is missing; write KEY=VALUE, e.g. security.protocol=SASL_SSL");
            }
            given.put(k.trim(), new Given(v, "--kafka-property"));
        });
        Given fromSettings = given.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Given brokers = bootstrapFlag != null ? new Given(bootstrapFlag, "--bootstrap")
                : fromSettings != null ? fromSettings
                : defaultBootstrap != null ? new Given(defaultBootstrap, "the default") : null;
        if (brokers == null || brokers.value() == null || brokers.value().isBlank()) {
            throw new KafkaSettingsException("--bootstrap " + (brokers == null ? "(missing value)" : "'" + brokers.value() + "'")
                    + ": required: the Kafka bootstrap servers, e.g. localhost:9092 (or bootstrap.servers in --kafka-config)");
        }
        List<String> warnings = new ArrayList<>();
        given.forEach((key, g) -> check(key, g, warnings));
        return new KafkaSettings(brokers, given, warnings);
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in); // ISO-8859-1 with \ continuations, as Kafka's own tools read --command-config
        } catch (NoSuchFileException e) {
            throw new KafkaSettingsException("--kafka-config '" + file + "': no such file; give a Java properties file of Kafka client settings", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new KafkaSettingsException("--kafka-config '" + file + "': cannot be read as Java properties (" + e.getMessage() + ")", e);
        }
        Map<String, String> sorted = new TreeMap<>(); // a file has no order; sorted keeps messages and toString stable
        p.stringPropertyNames().forEach(k -> sorted.put(k.trim(), p.getProperty(k).trim()));
        return sorted;
    }

    /** A value Kafka defines must parse and pass Kafka's own validator; a name no client knows gets a warning. */
    private static void check(String key, Given g, List<String> warnings) {
        if (!ClientKind.anyKnows(key)) {
            warnings.add(key + " (" + g.source() + ") is not a setting of Kafka's consumer, producer or admin client;"
                    + " it is passed to every client as it is (a typo?)");
            return;
        }
        if (g.value().contains("${")) {
            return; // a config provider reference (${file:...}): Kafka resolves it when the client starts
        }
        for (ClientKind kind : ClientKind.values()) {
            ConfigDef.ConfigKey def = kind.definition(key);
            if (def == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(key, g.value(), def.type);
                if (def.validator != null) {
                    def.validator.ensureValid(key, parsed);
                }
            } catch (ConfigException e) {
                boolean secret = Secrets.isSecret(key);
                throw new KafkaSettingsException(key + " " + (secret ? Secrets.HIDDEN : "'" + g.value() + "'") + " (" + g.source() + "): "
                        + (secret ? Secrets.redact(e.getMessage(), Secrets.valuesToHide(List.of(g.value()))) : e.getMessage()), e);
            }
            return;
        }
    }

    /** The brokers, {@code host:port[,host:port...]}. */
    public String bootstrapServers() {
        return bootstrap.value();
    }

    /** Lines to show the user: settings that no Kafka client defines (passed on anyway). */
    public List<String> warnings() {
        return warnings;
    }

    /** The value the user gave for a setting, or null. */
    public String given(String key) {
        if (CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(key)) {
            return bootstrap.value();
        }
        Given g = settings.get(key);
        return g == null ? null : g.value();
    }

    /** Where a setting came from ("--kafka-config FILE", "--kafka-property", "--bootstrap"), or null. */
    public String sourceOf(String key) {
        if (CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(key)) {
            return bootstrap.source();
        }
        Given g = settings.get(key);
        return g == null ? null : g.source();
    }

    /** The security protocol in effect: the user's, else Kafka's default PLAINTEXT. */
    public String securityProtocol() {
        String p = given(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return p == null ? CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL : p;
    }

    /** The properties of one client: start with {@link ClientProperties#withDefault} and {@link ClientProperties#require}. */
    public ClientProperties forClient(ClientKind kind) {
        Map<String, String> applies = new LinkedHashMap<>();
        settings.forEach((key, g) -> {
            if (kind.knows(key) || !ClientKind.anyKnows(key)) {
                applies.put(key, g.value());
            }
        });
        return new ClientProperties(kind, bootstrap.value(), Collections.unmodifiableMap(applies), this::sourceOf);
    }

    /** Text with every secret value the user gave blanked out: for any message that quotes a Kafka error. */
    public String redact(String text) {
        List<String> secrets = new ArrayList<>();
        settings.forEach((k, g) -> {
            if (Secrets.isSecret(k)) {
                secrets.add(g.value());
            }
        });
        return Secrets.redact(text, Secrets.valuesToHide(secrets));
    }

    /** Every setting, secrets shown as {@value Secrets#HIDDEN}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        j.add(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + "=" + bootstrap.value());
        settings.forEach((k, g) -> j.add(k + "=" + (Secrets.isSecret(k) ? Secrets.HIDDEN : g.value())));
        return j.toString();
    }
}
