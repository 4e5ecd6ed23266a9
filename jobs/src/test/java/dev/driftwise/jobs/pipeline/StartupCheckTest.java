package dev.driftwise.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftwise.jobs.options.JobOptions;
import org.junit.jupiter.api.Test;

/** Without the start-up check, Flink's Kafka source retries an unreachable broker silently forever. */
class StartupCheckTest {

    @Test
    void anUnreachableBrokerIsReportedWithinTheTimeout() throws Exception {
        JobOptions o = JobOptions.parse("--bootstrap", "127.0.0.1:1");
        long start = System.nanoTime();
        String problem = TopicCreator.problemWith(o);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNotNull(problem, "an unreachable broker must be reported");
        assertTrue(problem.startsWith("no Kafka broker answered at 127.0.0.1:1 (from --bootstrap) within 10 s") && problem.contains("security.protocol (now PLAINTEXT)"),
                "message should name the address and the flag, got: " + problem);
        assertTrue(seconds < TopicCreator.REACH_TIMEOUT_SECONDS + 5, "took " + seconds + " s");
    }
}
