package dev.driftwise.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.serving.Freshness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ServeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static ServeCommand parsed(String... args) {
        ServeCommand c = new ServeCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void defaultsServeOnLoopbackPort8090ThroughOneBadSnapshot() {
        ScoringServer.Settings s = parsed().settings();
        assertTrue(s.listen().getAddress().isLoopbackAddress(), "default bind: " + s.listen());
        assertEquals(8090, s.listen().getPort());
        assertEquals(Freshness.maxVersionLag(1), s.freshness(), "no age bound, at most one version behind");
        assertEquals(10_000, s.maxRows());
        assertEquals(8, s.threads());
    }

    @Test
    void flagsReachTheSettingsAndTheSnapshotClient() {
        ServeCommand c = parsed("--bootstrap-server", "127.0.0.1:9", "--models-topic", "m", "--port", "0", "--bind", "0.0.0.0",
                "--max-age", "10m", "--max-version-lag", "none", "--max-rows", "256", "--threads", "2");
        ScoringServer.Settings s = c.settings();
        assertTrue(s.listen().getAddress().isAnyLocalAddress());
        assertEquals(0, s.listen().getPort());
        assertEquals(Freshness.maxAge(Duration.ofMinutes(10)), s.freshness());
        assertEquals(256, s.maxRows());
        assertEquals(2, s.threads());
        assertEquals(Freshness.maxAge(Duration.ofMillis(1500)).andMaxVersionLag(0),
                parsed("--max-age", "PT1.5S", "--max-version-lag", "0").settings().freshness());
        try (var client = c.snapshotClient().build()) {
            assertEquals("m", client.topic(), "the topic reaches the SnapshotClient, the one place Kafka is configured");
        }
    }

    @Test
    void badFlagsEndWithAMessageNamingTheFlagAndValue() {
        assertRejected("--max-age 'soon': allowed: none, or a positive duration", "--max-age", "soon");
        assertRejected("--max-age '0s'", "--max-age", "0s");
        assertRejected("--max-version-lag '-1': allowed: none, or a whole number >= 0", "--max-version-lag", "-1");
        assertRejected("--port '70000': allowed: 0 to 65535", "--port", "70000");
        assertRejected("--max-rows '0': allowed: 1 to 1000000", "--max-rows", "0");
        assertRejected("--threads '0'", "--threads", "0");
        assertRejected("--bind 'no-such-host.invalid'", "--bind", "no-such-host.invalid");
        assertRejected("--models-topic 'a b'", "--models-topic", "a b");
        assertRejected("--device 'tpu'", "--device", "tpu");
        assertRejected("--bootstrap ''", "--bootstrap", " ");
        assertRejected("Unknown options: '--max-agee'", "--max-agee", "1m");
    }

    private static void assertRejected(String expected, String... args) {
        Run r = run(args);
        assertEquals(CommandLine.ExitCode.USAGE, r.code(), "exit code for " + String.join(" ", args) + "; stderr: " + r.err());
        assertTrue(r.err().contains(expected), "stderr for " + String.join(" ", args) + " should contain \"" + expected + "\": " + r.err());
        assertTrue(r.err().contains("./driftwise serve --help"), r.err());
    }

    @Test
    void aTakenPortSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("--port", String.valueOf(taken.getLocalPort()), "--bootstrap", "127.0.0.1:1");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("Another program holds the port") && r.err().contains("--port 0"), r.err());
        }
    }

    @Test
    void anUnresolvableBootstrapServerIsNamed() {
        Run r = run("--port", "0", "--bootstrap", "no-such-broker.invalid:9092");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--bootstrap 'no-such-broker.invalid:9092'") && r.err().contains("resolvable"), r.err());
    }

    @Test
    void helpListsEveryFlagAndACurlExample() {
        Run r = run("--help");
        assertEquals(0, r.code(), r.err());
        for (String flag : new String[] {"--bootstrap", "--models-topic", "--port", "--bind", "--max-age", "--max-version-lag",
            "--max-rows", "--threads", "--device"}) {
            assertTrue(r.out().contains(flag), flag + " in --help:\n" + r.out());
        }
        assertTrue(r.out().contains("curl -s localhost:8090/v1/streams/sea/predict"), r.out());
    }
}
