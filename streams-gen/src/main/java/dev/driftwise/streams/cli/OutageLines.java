package dev.driftwise.streams.cli;

import dev.driftwise.streams.sink.OutageListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** gen's lines on stderr while Kafka is away: when it stopped answering, every few seconds after, and when it is back. */
final class OutageLines implements OutageListener {

    private final PrintWriter err;
    private final String bootstrap;

    OutageLines(PrintWriter err, String bootstrap) {
        this.err = err;
        this.bootstrap = bootstrap;
    }

    @Override
    public void unreachable(Duration quiet, long waiting, Duration giveUpAfter) {
        print(String.format(Locale.ROOT, "Kafka at '%s' unreachable: nothing acknowledged for %s; generation paused, %,d samples"
                + " wait and go out when it is back (gives up after %s, --outage-timeout)", bootstrap, OutageListener.text(quiet),
                waiting, OutageListener.text(giveUpAfter)));
    }

    @Override
    public void stillUnreachable(Duration quiet, Duration giveUpAfter) {
        print("Kafka at '" + bootstrap + "' still unreachable after " + OutageListener.text(quiet) + "; waiting (gives up after "
                + OutageListener.text(giveUpAfter) + ", --outage-timeout)");
    }

    @Override
    public void back(Duration outage) {
        print("Kafka at '" + bootstrap + "' is back after " + OutageListener.text(outage) + "; generation goes on");
    }

    private void print(String line) {
        err.println("driftwise gen: " + line);
        err.flush();
    }
}
