package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftwise.kafka.settings.KafkaSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's Kafka settings reach the producer; the generator's defaults give way to them, its serializers do not. */
class KafkaTargetSettingsTest {

    @Test
    void theUsersSettingsReplaceTheDefaultsAndProducerPropertiesComeLast() {
        Map<String, String> kafkaProperties = new LinkedHashMap<>();
        kafkaProperties.put("security.protocol", "SASL_SSL");
        kafkaProperties.put("client.id", "from-kafka-property");
        kafkaProperties.put("linger.ms", "50");
        KafkaSettings kafka = KafkaSettings.resolve("b:9093", null, null, kafkaProperties);
        KafkaTarget target = new KafkaTarget("b:9093", "t", 1, Duration.ofSeconds(5), Duration.ofMinutes(5), Map.of("linger.ms", "7"), kafka);
        Map<String, Object> c = target.producerConfig();
        assertEquals("b:9093", c.get("bootstrap.servers"));
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("from-kafka-property", c.get("client.id"));
        assertEquals("7", c.get("linger.ms"), "--producer-property is the most specific and wins");
        assertEquals("all", c.get("acks"));
        assertEquals("org.apache.kafka.common.serialization.ByteArraySerializer", c.get("key.serializer"));
    }
}
