package dev.driftwise.cli.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.kafka.settings.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalKafkaBrokerTest {

    @Test
    void everyListenerIsBoundToLoopback() {
        String props = LocalKafkaBroker.serverProperties(19092, 19093, Path.of("/tmp/x"));
        assertTrue(props.contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"), props);
        assertTrue(props.contains("advertised.listeners=PLAINTEXT://127.0.0.1:19092"), props);
        assertFalse(props.contains("0.0.0.0"), props);
    }

    @Test
    void anUnreachableBootstrapIsReportedWithWhatToDo() {
        int port = FreePorts.pick(1)[0];
        BrokerUnavailable e = org.junit.jupiter.api.Assertions.assertThrows(BrokerUnavailable.class,
                () -> BrokerProbe.requireReachable(KafkaSettings.of("127.0.0.1:" + port), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("drop --bootstrap"), e.getMessage());
    }
}
