package dev.driftwise.cli.progress;

import dev.driftwise.streams.sink.OutageListener;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The demo's view of a broker outage, as the generator notices it: a line when Kafka becomes
 * unreachable and when it is back, and a status line for each progress round in between.
 */
public final class BrokerStatus implements OutageListener {

    private final Consumer<String> events;
    private volatile long unreachableSinceNanos;
    private volatile boolean unreachable;
    private volatile Duration giveUpAfter = Duration.ZERO;

    /** @param events receives one line when Kafka becomes unreachable and one when it is back */
    public BrokerStatus(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public void unreachable(Duration quiet, long waiting, Duration giveUpAfter) {
        this.unreachableSinceNanos = System.nanoTime() - quiet.toNanos();
        this.giveUpAfter = giveUpAfter;
        this.unreachable = true;
        events.accept(String.format(Locale.ROOT, "driftwise demo: Kafka unreachable: nothing acknowledged for %s; the generator"
                + " pauses (%,d samples wait to go out) and the job retries; waiting for the broker (up to %s)",
                OutageListener.text(quiet), waiting, OutageListener.text(giveUpAfter)));
    }

    @Override
    public void stillUnreachable(Duration quiet, Duration giveUpAfter) {
        // the progress rounds say it
    }

    @Override
    public void back(Duration outage) {
        unreachable = false;
        events.accept("driftwise demo: Kafka is back after " + OutageListener.text(outage)
                + "; the generator goes on where it paused and the job catches up");
    }

    /** A progress line while Kafka is unreachable, else null. */
    public String progressLine(double elapsedSeconds) {
        if (!unreachable) {
            return null;
        }
        return String.format(Locale.ROOT, "[%5.0fs] Kafka unreachable for %s; waiting for it (up to %s)", elapsedSeconds,
                OutageListener.text(Duration.ofNanos(System.nanoTime() - unreachableSinceNanos)), OutageListener.text(giveUpAfter));
    }
}
