package dev.driftwise.streams.sink;

import java.time.Duration;
import java.util.Locale;

/**
 * Hears how a Kafka run rides out a broker outage: when Kafka stops acknowledging, while the
 * outage goes on, and when it is back. {@code gen} prints lines; the demo shows it in its progress.
 * Called from the sink's watch thread.
 */
public interface OutageListener {

    /**
     * Kafka stopped acknowledging: nothing for {@code quiet} while {@code waiting} samples wait;
     * generation pauses, and the run gives up once the outage lasts {@code giveUpAfter}.
     */
    void unreachable(Duration quiet, long waiting, Duration giveUpAfter);

    /** The outage goes on; called every {@link OutageWatch#REPEAT_EVERY}. */
    void stillUnreachable(Duration quiet, Duration giveUpAfter);

    /** Acknowledgements came again after {@code outage}; generation goes on. */
    void back(Duration outage);

    /** A duration as these messages write it: {@code 21 s}, {@code 2m 05s}. */
    static String text(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
}
