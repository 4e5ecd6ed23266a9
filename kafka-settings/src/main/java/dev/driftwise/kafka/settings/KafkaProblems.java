package dev.driftwise.kafka.settings;

import java.nio.file.NoSuchFileException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Turns what a Kafka client throws into one line that names the setting to fix and where it came from
 * ({@code --kafka-config FILE}, {@code --kafka-property}, {@code --bootstrap}), with every secret blanked.
 */
public final class KafkaProblems {

    private KafkaProblems() {}

    /**
     * True when retrying cannot help: the broker refused the credentials or the certificate, the user lacks
     * a permission, or a setting is invalid. A reader that retries anything else must stop on these.
     */
    public static boolean isFatal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException || t instanceof ConfigException) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong and what to change; Kafka's own words in parentheses, secrets blanked. */
    public static String explain(Throwable failure, KafkaSettings kafka) {
        return known(failure, kafka).orElseGet(() -> kafka.redact(messages(failure)));
    }

    /** {@link #explain}, when the failure is one this class knows the fix of; empty otherwise. */
    public static Optional<String> known(Throwable failure, KafkaSettings kafka) {
        String why = diagnose(failure, kafka);
        return Optional.ofNullable(why);
    }

    private static String diagnose(Throwable failure, KafkaSettings kafka) {
        String kafkaSays = kafka.redact(messages(failure));
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return "the broker refused the credentials: check the user name and password in " + SaslConfigs.SASL_JAAS_CONFIG
                        + where(kafka, SaslConfigs.SASL_JAAS_CONFIG) + " and " + SaslConfigs.SASL_MECHANISM + " (now "
                        + orDefault(kafka, SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM) + ") (Kafka: " + kafkaSays + ")";
            }
            if (t instanceof UnsupportedSaslMechanismException) {
                return "the broker does not offer " + SaslConfigs.SASL_MECHANISM + " " + orDefault(kafka, SaslConfigs.SASL_MECHANISM,
                        SaslConfigs.DEFAULT_SASL_MECHANISM) + where(kafka, SaslConfigs.SASL_MECHANISM) + ": use one its listener enables (Kafka: " + kafkaSays + ")";
            }
            if (t instanceof SslAuthenticationException || t instanceof SSLHandshakeException) {
                return tls(failure, kafka, kafkaSays);
            }
            if (t instanceof AuthenticationException) {
                return "authentication with the broker failed: check " + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + " (now "
                        + kafka.securityProtocol() + ") and the sasl.* settings (Kafka: " + kafkaSays + ")";
            }
            if (t instanceof AuthorizationException) {
                return "the broker denied an operation to this user: grant the ACL it names, or connect as another user through "
                        + SaslConfigs.SASL_JAAS_CONFIG + " (Kafka: " + kafkaSays + ")";
            }
            if (t instanceof ConfigException) {
                return "a Kafka client setting is invalid (Kafka: " + kafkaSays + "); fix it in --kafka-config or --kafka-property";
            }
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("Failed to load SSL keystore") || m.startsWith("Failed to load SSL truststore")) {
                return store(failure, kafka, m, kafkaSays);
            }
            if (t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return noAnswer(kafka, null, kafkaSays);
            }
        }
        return null;
    }

    /**
     * The message for a cluster that did not answer in time; names the brokers and the protocol.
     *
     * @param waited how long the client waited, or null when unknown
     * @param kafkaSays Kafka's own words, or null
     */
    public static String noAnswer(KafkaSettings kafka, Duration waited, String kafkaSays) {
        return "no Kafka broker answered at " + kafka.bootstrapServers() + where(kafka, CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                + (waited == null ? "" : " within " + waited.toSeconds() + " s") + ": check the address, that the broker is running and reachable from here, and that "
                + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + " (now " + kafka.securityProtocol() + ") is the listener's"
                + " (a client speaking plaintext to a TLS listener, or TLS to a plaintext one, gets no answer)"
                + (kafkaSays == null || kafkaSays.isBlank() ? "" : " (Kafka: " + kafkaSays + ")");
    }

    private static String tls(Throwable failure, KafkaSettings kafka, String kafkaSays) {
        String all = messages(failure).toLowerCase(Locale.ROOT);
        if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)
                || all.contains("pkix") || all.contains("unable to find valid certification path")) {
            String truststore = kafka.given(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
            return "the broker's TLS certificate is not trusted: " + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG
                    + (truststore == null ? " is not set (the JVM's default truststore was used)" : " (" + truststore
                    + where(kafka, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG) + ")") + " must hold the certificate of the CA that signed"
                    + " the broker's (or use " + SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG + " with the CA in PEM) (Kafka: " + kafkaSays + ")";
        }
        if (all.contains("subject alternative") || all.contains("no name matching")) {
            return "the broker's TLS certificate does not name the host in " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " ("
                    + kafka.bootstrapServers() + "): connect by a name the certificate holds (" + SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG
                    + "= turns the check off: for tests only) (Kafka: " + kafkaSays + ")";
        }
        if (has(failure, CertificateException.class) && all.contains("certificate_required")) {
            return "the broker wants a client certificate: set " + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG + " and "
                    + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG + " (Kafka: " + kafkaSays + ")";
        }
        return "the TLS handshake with the broker failed: check " + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + " (now "
                + kafka.securityProtocol() + ") and the ssl.* settings (Kafka: " + kafkaSays + ")";
    }

    private static String store(Throwable failure, KafkaSettings kafka, String message, String kafkaSays) {
        String truststore = kafka.given(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        boolean isTruststore = truststore != null && message.contains(truststore);
        String location = isTruststore ? SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG : SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG;
        String password = isTruststore ? SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG : SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG;
        String all = messages(failure).toLowerCase(Locale.ROOT);
        if (has(failure, NoSuchFileException.class) || all.contains("no such file")) {
            return location + where(kafka, location) + " names a file that does not exist (Kafka: " + kafkaSays + ")";
        }
        if (all.contains("password") || all.contains("tampered")) {
            return password + where(kafka, password) + " does not open " + location + " (Kafka: " + kafkaSays + ")";
        }
        return location + where(kafka, location) + " cannot be read: check the file, its type (ssl.*.type) and "
                + password + " (Kafka: " + kafkaSays + ")";
    }

    private static String where(KafkaSettings kafka, String key) {
        String source = kafka.sourceOf(key);
        return source == null ? "" : " (from " + source + ")";
    }

    private static String orDefault(KafkaSettings kafka, String key, String fallback) {
        String v = kafka.given(key);
        return v == null ? fallback : v;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Each distinct message along the cause chain, outermost first. */
    private static String messages(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : ": ").append(m);
            }
        }
        return b.length() == 0 ? failure.getClass().getSimpleName() : b.toString();
    }
}
