package dev.driftwise.cli.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority, a broker key signed by it (subject alternative names localhost and
 * 127.0.0.1), a truststore holding the CA, and a truststore holding an unrelated CA: made with the JDK's own
 * {@code keytool}, so no library is needed and nothing leaves the test's folder.
 */
public final class TestCertificates {

    public final Path brokerKeystore;
    public final Path truststore;
    public final Path untrustedTruststore;
    public final String storePassword;

    private TestCertificates(Path dir, String storePassword) {
        this.brokerKeystore = dir.resolve("broker.p12");
        this.truststore = dir.resolve("truststore.p12");
        this.untrustedTruststore = dir.resolve("other-ca-truststore.p12");
        this.storePassword = storePassword;
    }

    public static TestCertificates create(Path dir, String storePassword) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir, storePassword);
        String ca = dir.resolve("ca.p12").toString();
        String caPem = dir.resolve("ca.pem").toString();
        String csr = dir.resolve("broker.csr").toString();
        String signed = dir.resolve("broker.pem").toString();
        String broker = c.brokerKeystore.toString();
        String san = "SAN=dns:localhost,ip:127.0.0.1";
        c.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3", "-dname", "CN=driftwise-test-ca",
                "-ext", "bc:c", "-keystore", ca);
        c.keytool("-exportcert", "-alias", "ca", "-keystore", ca, "-rfc", "-file", caPem);
        c.keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3", "-dname", "CN=localhost",
                "-ext", san, "-keystore", broker);
        c.keytool("-certreq", "-alias", "broker", "-keystore", broker, "-file", csr);
        c.keytool("-gencert", "-alias", "ca", "-keystore", ca, "-infile", csr, "-outfile", signed, "-rfc", "-validity", "3", "-ext", san);
        c.keytool("-importcert", "-alias", "ca", "-keystore", broker, "-file", caPem, "-noprompt");
        c.keytool("-importcert", "-alias", "broker", "-keystore", broker, "-file", signed); // the CA-signed chain replaces the self-signed one
        c.keytool("-importcert", "-alias", "ca", "-keystore", c.truststore.toString(), "-file", caPem, "-noprompt");
        String other = dir.resolve("other-ca.p12").toString();
        String otherPem = dir.resolve("other-ca.pem").toString();
        c.keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3", "-dname", "CN=someone-elses-ca",
                "-ext", "bc:c", "-keystore", other);
        c.keytool("-exportcert", "-alias", "other", "-keystore", other, "-rfc", "-file", otherPem);
        c.keytool("-importcert", "-alias", "other", "-keystore", c.untrustedTruststore.toString(), "-file", otherPem, "-noprompt");
        return c;
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-Xshare:auto"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", storePassword)); // PKCS12: a key shares its store's password
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }
}
