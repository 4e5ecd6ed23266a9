package dev.driftwise.kafka.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.security.cert.CertPathBuilderException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Each kind of failure names the setting to fix. The exceptions here are built the way Kafka's client
 * builds them; {@code SecuredKafkaTest} (module cli) gets the real ones from a SASL_SSL broker.
 */
class KafkaProblemsTest {

    private final KafkaSettings kafka = KafkaSettings.resolve("broker:9093", null, null, Map.of(
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw-secret-1\";",
            "ssl.truststore.location", "/etc/trust.p12", "ssl.truststore.password", "trust-secret-2"));

    @Test
    void aRefusedPasswordNamesSaslJaasConfig() {
        String m = KafkaProblems.explain(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"), kafka);
        assertTrue(m.startsWith("the broker refused the credentials: check the user name and password in sasl.jaas.config (from --kafka-property)"), m);
        assertTrue(m.contains("sasl.mechanism (now SCRAM-SHA-512)"), m);
        assertTrue(KafkaProblems.isFatal(new KafkaException("wrapped", new SaslAuthenticationException("x"))));
    }

    @Test
    void anUntrustedCertificateNamesTheTruststore() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        String m = KafkaProblems.explain(new SslAuthenticationException("SSL handshake failed", handshake), kafka);
        assertTrue(m.startsWith("the broker's TLS certificate is not trusted: ssl.truststore.location (/etc/trust.p12 (from --kafka-property))"), m);
        assertTrue(KafkaProblems.isFatal(new SslAuthenticationException("SSL handshake failed", handshake)));
    }

    @Test
    void aHostNameTheCertificateDoesNotHoldNamesBootstrapServers() {
        String m = KafkaProblems.explain(new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.1 found")), kafka);
        assertTrue(m.startsWith("the broker's TLS certificate does not name the host in bootstrap.servers (broker:9093)"), m);
    }

    @Test
    void aMissingTruststoreFileAndAWrongTruststorePasswordNameTheirSettings() {
        String missing = KafkaProblems.explain(new KafkaException("Failed to construct kafka consumer",
                new KafkaException("Failed to load SSL keystore /etc/trust.p12 of type PKCS12", new NoSuchFileException("/etc/trust.p12"))), kafka);
        assertTrue(missing.startsWith("ssl.truststore.location (from --kafka-property) names a file that does not exist"), missing);
        String password = KafkaProblems.explain(new KafkaException("Failed to load SSL keystore /etc/trust.p12 of type PKCS12",
                new java.io.IOException("keystore password was incorrect")), kafka);
        assertTrue(password.startsWith("ssl.truststore.password (from --kafka-property) does not open ssl.truststore.location"), password);
    }

    @Test
    void noAnswerNamesTheBrokersAndTheProtocol() {
        String m = KafkaProblems.explain(new TimeoutException("Timed out waiting for a node assignment. Call: listTopics"), kafka);
        assertTrue(m.startsWith("no Kafka broker answered at broker:9093 (from --bootstrap)") && m.contains("security.protocol (now SASL_SSL)"), m);
        assertFalse(KafkaProblems.isFatal(new TimeoutException("x")), "a time-out may pass: readers keep trying");
    }

    @Test
    void aMissingPermissionSaysWhatTheBrokerDenied() {
        String m = KafkaProblems.explain(new TopicAuthorizationException("Not authorized to access topics: [driftwise.models]"), kafka);
        assertTrue(m.startsWith("the broker denied an operation to this user") && m.contains("driftwise.models"), m);
    }

    @Test
    void noExplanationQuotesASecret() {
        String m = KafkaProblems.explain(new KafkaException("bad jaas: password=\"pw-secret-1\" and trust-secret-2"), kafka);
        assertFalse(m.contains("pw-secret-1") || m.contains("trust-secret-2"), m);
    }
}
