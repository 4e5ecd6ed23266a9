package dev.driftwise.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class UnreachableBrokerTest {

    @Test
    void noBrokerEndsWithAClearMessageAndExitOneWithinTheDefaultTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();   // free now, closed below: nothing listens there
        }
        String bootstrap = "127.0.0.1:" + port;
        Run run = Run.gen("--scenario", "tiny-1", "--count", "10", "--bootstrap", bootstrap, "--no-progress");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("could not reach the Kafka cluster at '" + bootstrap + "' within 10 s"), run.toString());
        assertTrue(run.err().contains("Check that Kafka is running"), run.toString());
        assertTrue(run.seconds() < 15, "gave up after " + run.seconds() + " s, expected under 15 s");
    }
}
