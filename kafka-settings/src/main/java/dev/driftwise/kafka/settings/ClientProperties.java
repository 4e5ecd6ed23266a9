package dev.driftwise.kafka.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The properties of one Kafka client: the command's defaults, then the user's settings (which win over
 * defaults), then the brokers, then what the command cannot work without ({@link #require}), which a
 * user's different value does not override: it is an error that says which flag or reason owns it.
 */
public final class ClientProperties {

    private final ClientKind kind;
    private final String bootstrap;
    private final Map<String, String> user;
    private final Function<String, String> sourceOf;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, Object> required = new LinkedHashMap<>();
    private final Map<String, String> why = new LinkedHashMap<>();

    ClientProperties(ClientKind kind, String bootstrap, Map<String, String> user, Function<String, String> sourceOf) {
        this.kind = kind;
        this.bootstrap = bootstrap;
        this.user = user;
        this.sourceOf = sourceOf;
    }

    /** A value the user's settings may replace (time-outs, sizes, client.id). */
    public ClientProperties withDefault(String key, Object value) {
        defaults.put(key, value);
        return this;
    }

    /**
     * A value the command needs. The user may give the same value; a different one fails {@link #build}.
     *
     * @param owner why the command needs it, or the flag that sets it, e.g. "--group-id" or "readers see committed records only"
     */
    public ClientProperties require(String key, Object value, String owner) {
        required.put(key, value);
        why.put(key, owner);
        return this;
    }

    /** @throws KafkaSettingsException when a user setting contradicts a required one */
    public Properties build() {
        Properties p = new Properties();
        p.putAll(defaults);
        p.putAll(user);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        required.forEach((key, value) -> {
            String theirs = user.get(key);
            if (theirs != null && !theirs.trim().toLowerCase(Locale.ROOT).equals(String.valueOf(value).toLowerCase(Locale.ROOT))) {
                String owner = why.get(key);
                throw new KafkaSettingsException(key + "=" + (Secrets.isSecret(key) ? Secrets.HIDDEN : theirs) + " (" + sourceOf.apply(key)
                        + ") conflicts with the " + kind.name().toLowerCase(Locale.ROOT) + "'s " + key + "=" + value + ": "
                        + (owner.startsWith("--") ? "set it with " + owner + " instead" : owner + "; remove it from your settings"));
            }
            p.put(key, value);
        });
        return p;
    }

    /** {@link #build} as a map, for clients that take one. */
    public Map<String, Object> buildMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        build().forEach((k, v) -> m.put((String) k, v));
        return m;
    }
}
