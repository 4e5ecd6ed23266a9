package dev.driftwise.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.consumers.tail.TopicKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DashboardCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Dashboard.Settings settings(String... args) {
        DashboardCommand c = new DashboardCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new CommandLine(c).parseArgs(args);
        return c.settings();
    }

    @Test
    void defaultsAreTheJobsTopicsOnLoopbackPort8088() {
        Dashboard.Settings s = settings();
        assertEquals("localhost:9092", s.bootstrap());
        assertEquals(Dashboard.defaultTopics(), s.topics());
        assertEquals(8088, s.listen().getPort());
        assertTrue(s.listen().getAddress().isLoopbackAddress(), "default bind: " + s.listen());
        assertEquals(2000, s.history());
        assertTrue(!s.fromBeginning());
    }

    @Test
    void flagsReachTheSettings() {
        Dashboard.Settings s = settings("--bootstrap", "kafka:9092", "--metrics-topic", "m", "--samples-topic", "in",
                "--port", "0", "--bind", "0.0.0.0", "--from-beginning", "--history", "50");
        assertEquals("kafka:9092", s.bootstrap());
        assertEquals("m", s.topics().get(TopicKind.METRICS));
        assertEquals("in", s.topics().get(TopicKind.SAMPLES));
        assertEquals("driftwise.models", s.topics().get(TopicKind.MODELS));
        assertEquals(0, s.listen().getPort());
        assertTrue(s.listen().getAddress().isAnyLocalAddress());
        assertTrue(s.fromBeginning());
        assertEquals(50, s.history());
    }

    @Test
    void badFlagsEndWithAMessageNamingTheFlagAndValue() {
        assertRejected("--port '70000': allowed: 0 to 65535", "--port", "70000");
        assertRejected("--history '5': allowed: 10 to 1000000", "--history", "5");
        assertRejected("--dlq-topic 'driftwise.metrics': already the metrics topic", "--dlq-topic", "driftwise.metrics");
        assertRejected("--models-topic 'a b'", "--models-topic", "a b");
        assertRejected("--bind 'no-such-host.invalid'", "--bind", "no-such-host.invalid");
        assertRejected("Invalid value for option '--port'", "--port", "http");
    }

    private static void assertRejected(String expected, String... args) {
        Run r = run(args);
        assertEquals(CommandLine.ExitCode.USAGE, r.code(), "exit code for " + String.join(" ", args) + "; stderr: " + r.err());
        assertTrue(r.err().contains(expected), "stderr for " + String.join(" ", args) + " should contain \"" + expected + "\": " + r.err());
    }

    @Test
    void kafkaSettingsReachTheReaderAndAReaderThatDiesEndsTheDashboardWithItsReason() throws Exception {
        Dashboard.Settings s = settings("--kafka-property", "security.protocol=SSL", "--kafka-property", "bootstrap.servers=b:9093");
        assertEquals("b:9093", s.bootstrap());
        assertEquals("SSL", s.kafka().securityProtocol());
        // the reader's consumer cannot start (no such truststore): the command must not keep serving an empty page
        long start = System.nanoTime();
        Run r = run("--port", "0", "--bootstrap", "127.0.0.1:1", "--kafka-property", "security.protocol=SSL",
                "--kafka-property", "ssl.truststore.location=/no/such/truststore.p12");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, r.code(), "stdout: " + r.out() + "\nstderr: " + r.err());
        assertTrue(r.err().contains("driftwise dashboard: stopped, the Kafka reader failed: ssl.truststore.location (from --kafka-property)"
                + " names a file that does not exist"), r.err());
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertRejected("isolation.level=read_uncommitted (--kafka-property) conflicts", "--kafka-property", "isolation.level=read_uncommitted");
    }

    @Test
    void aTakenPortSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("--port", String.valueOf(taken.getLocalPort()), "--bootstrap", "127.0.0.1:1");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("--port 0"), r.err());
        }
    }

    @Test
    void helpListsEveryFlag() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String flag : new String[] {"--bootstrap", "--metrics-topic", "--stepsizes-topic", "--models-topic", "--dlq-topic",
            "--samples-topic", "--port", "--bind", "--from-beginning", "--history"}) {
            assertTrue(r.out().contains(flag), "--help lacks " + flag + ":\n" + r.out());
        }
    }
}
