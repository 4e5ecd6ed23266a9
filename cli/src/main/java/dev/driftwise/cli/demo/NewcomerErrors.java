package dev.driftwise.cli.demo;

import dev.driftwise.cli.broker.BrokerUnavailable;
import dev.driftwise.jobs.options.OptionException;
import java.nio.file.Path;

/** Turns the failures a newcomer meets into a message that ends with what to do. */
public final class NewcomerErrors {

    private NewcomerErrors() {}

    public static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof BrokerUnavailable) {
                return m;
            }
            if (t instanceof OptionException) {
                return m + ". The demo passes --optimizer to the training job: see './driftwise train --help' for what it accepts.";
            }
            if (m.contains("No space left on device")) {
                return "the disk is full (" + m + "). On first use DJL unpacks PyTorch's native library (~430 MB) into "
                        + djlCacheDir() + ". Free some space there, or point DJL_CACHE_DIR at a disk with room"
                        + " (export DJL_CACHE_DIR=/path/with/space), then run the demo again.";
            }
            if (m.contains("Address already in use")) {
                return "a port the demo needs is taken (" + m + "). Run the demo again: it picks new free ports.";
            }
        }
        return failure + (failure.getCause() != null ? " (cause: " + rootCause(failure) + ")" : "")
                + ". Run with DRIFTWISE_JVM_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=info for the full logs.";
    }

    static String djlCacheDir() {
        String dir = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
        return dir != null ? dir : Path.of(System.getProperty("user.home"), ".djl.ai").toString();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
