package dev.driftwise.kafka.settings;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The three Kafka clients; each takes the user's settings that it knows (Kafka's own definitions decide). */
public enum ClientKind {
    CONSUMER(ConsumerConfig.configDef()),
    PRODUCER(ProducerConfig.configDef()),
    ADMIN(AdminClientConfig.configDef());

    private final Map<String, ConfigDef.ConfigKey> keys;

    ClientKind(ConfigDef definition) {
        this.keys = definition.configKeys();
    }

    /** Whether this client has a setting of that name. */
    public boolean knows(String key) {
        return keys.containsKey(key);
    }

    ConfigDef.ConfigKey definition(String key) {
        return keys.get(key);
    }

    /** Whether any of the three clients has a setting of that name. */
    static boolean anyKnows(String key) {
        for (ClientKind k : values()) {
            if (k.knows(key)) {
                return true;
            }
        }
        return false;
    }

    /** Names every client defines, for tests and messages. */
    Set<String> names() {
        return keys.keySet();
    }
}
