package dev.driftwise.streams.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps an {@link OutageWatch} through outages on a made-up clock (milliseconds) and checks what it tells. */
class OutageWatchTest {

    private final List<String> told = new ArrayList<>();
    private final OutageListener recorder = new OutageListener() {
        @Override
        public void unreachable(Duration quiet, long waiting, Duration giveUpAfter) {
            told.add("unreachable " + quiet.toMillis() + " ms, " + waiting + " waiting, gives up after " + giveUpAfter.toSeconds() + " s");
        }

        @Override
        public void stillUnreachable(Duration quiet, Duration giveUpAfter) {
            told.add("still " + quiet.toMillis() + " ms");
        }

        @Override
        public void back(Duration outage) {
            told.add("back after " + outage.toMillis() + " ms");
        }
    };

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void acknowledgementsThatKeepComingAreNoOutage() {
        OutageWatch w = new OutageWatch(Duration.ofMinutes(5), recorder, 0);
        for (long t = 0; t <= 60_000; t += 250) {
            w.observe(ms(t), t + 100, t);   // always 100 waiting, but acknowledgements move
        }
        assertEquals(List.of(), told);
        assertFalse(w.unreachable());
        assertEquals("", w.summary());
    }

    @Test
    void aQuietBrokerWithNothingWaitingIsNoOutage() {
        OutageWatch w = new OutageWatch(Duration.ofMinutes(5), recorder, 0);
        for (long t = 0; t <= 60_000; t += 250) {
            w.observe(ms(t), 42, 42);   // a slow paced run: everything sent is acknowledged, then nothing happens
        }
        assertEquals(List.of(), told);
        assertFalse(w.unreachable());
    }

    @Test
    void anOutageIsNoticedAfterFiveQuietSecondsRepeatedEveryTenAndEndsAtTheNextAcknowledgement() {
        OutageWatch w = new OutageWatch(Duration.ofMinutes(5), recorder, 0);
        w.observe(ms(0), 1000, 1000);
        w.observe(ms(1000), 1200, 1000);   // the broker went away just after t = 0
        w.observe(ms(4750), 1900, 1000);
        assertEquals(List.of(), told, "before 5 s");
        assertFalse(w.unreachable());
        w.observe(ms(5000), 2000, 1000);
        assertTrue(w.unreachable());
        w.observe(ms(14_750), 2000, 1000);
        w.observe(ms(15_000), 2000, 1000);
        w.observe(ms(25_000), 2000, 1000);
        w.observe(ms(26_000), 2000, 1300);  // the broker is back
        assertFalse(w.unreachable());
        w.observe(ms(27_000), 2100, 2000);
        assertEquals(List.of("unreachable 5000 ms, 1000 waiting, gives up after 300 s", "still 15000 ms", "still 25000 ms",
                "back after 26000 ms"), told);
        assertEquals(", rode out 1 Kafka outage (longest 26 s)", w.summary());
        assertFalse(w.gaveUp());
    }

    @Test
    void anOutageThatLastsTheTimeoutMeansGivingUp() {
        OutageWatch w = new OutageWatch(Duration.ofSeconds(30), recorder, 0);
        w.observe(ms(0), 10, 5);
        for (long t = 250; t < 30_000; t += 250) {
            w.observe(ms(t), 10, 5);
            assertFalse(w.gaveUp(), "gave up at " + t + " ms, the timeout is 30 s");
        }
        w.observe(ms(30_000), 10, 5);
        assertTrue(w.gaveUp());
        assertEquals(Duration.ofSeconds(30), w.quiet());
        w.observe(ms(31_000), 10, 6);   // too late: a run that gave up has ended, and says nothing more
        assertTrue(w.gaveUp());
        assertEquals(List.of("unreachable 5000 ms, 5 waiting, gives up after 30 s", "still 15000 ms", "still 25000 ms"), told);
    }

    @Test
    void aTimeoutShorterThanTheNoticeTimeIsNoticedAndGivenUpTogether() {
        OutageWatch w = new OutageWatch(Duration.ofSeconds(2), recorder, 0);
        w.observe(ms(0), 3, 0);
        w.observe(ms(1999), 3, 0);
        assertFalse(w.unreachable());
        w.observe(ms(2000), 3, 0);
        assertTrue(w.unreachable() && w.gaveUp());
        assertEquals(List.of("unreachable 2000 ms, 3 waiting, gives up after 2 s"), told);
    }

    @Test
    void theSummaryCountsOutagesAndKeepsTheLongest() {
        OutageWatch w = new OutageWatch(Duration.ofMinutes(5), recorder, 0);
        w.observe(ms(0), 1, 0);
        w.observe(ms(8000), 1, 0);
        w.observe(ms(9000), 2, 1);      // back after 9 s
        w.observe(ms(10_000), 1, 1);
        w.observe(ms(10_500), 3, 1);
        w.observe(ms(20_000), 3, 1);
        w.observe(ms(131_000), 3, 3);   // back after 121 s without acknowledgement
        assertEquals(", rode out 2 Kafka outages (longest 2m 01s)", w.summary());
    }
}
