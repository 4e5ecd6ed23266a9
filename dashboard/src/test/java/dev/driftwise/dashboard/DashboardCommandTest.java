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
