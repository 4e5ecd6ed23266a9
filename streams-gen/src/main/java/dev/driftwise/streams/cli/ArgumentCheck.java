package dev.driftwise.streams.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks that the flags of one {@code gen} run fit together before anything is opened; each
 * problem ends the run with exit code 2 and a message naming the flag, the value and what is allowed.
 */
final class ArgumentCheck {

    private static final List<String> KAFKA_ONLY = List.of("--bootstrap", "--topic", "--partitions", "--connect-timeout", "--outage-timeout",
            "--producer-property", "--kafka-config", "--kafka-property");

    private final GenCommand c;
    private final ParseResult parsed;

    ArgumentCheck(GenCommand command) {
        this.c = command;
        this.parsed = command.spec.commandLine().getParseResult();
    }

    void run() {
        atMostOne("--scenario", c.scenario != null, "--replay", c.replay != null);
        atMostOne("--out", c.out != null, "--discard", c.discard);
        List<String> rateFlags = new ArrayList<>();
        if (c.rate != null) rateFlags.add("--rate");
        if (c.ratePerStream != null) rateFlags.add("--rate-per-stream");
        if (c.noRateLimit) rateFlags.add("--no-rate-limit");
        if (rateFlags.size() > 1) {
            fail(String.join(" and ", rateFlags) + " contradict each other; give one of --rate (total), --rate-per-stream or --no-rate-limit");
        }
        positive("--rate", c.rate);
        positive("--rate-per-stream", c.ratePerStream);
        if (c.count != null && c.count <= 0) {
            fail("Invalid value for option '--count': " + c.count + " (must be a whole number > 0)");
        }
        for (String server : c.bootstrap == null ? new String[0] : c.bootstrap.split(",")) {
            if (!server.strip().matches("\\S+:\\d{1,5}")) {
                fail("Invalid value for option '--bootstrap': '" + c.bootstrap + "' (expected HOST:PORT[,HOST:PORT...], e.g. localhost:9092)");
            }
        }
        if (c.partitions < 1) {
            fail("Invalid value for option '--partitions': " + c.partitions + " (must be >= 1)");
        }
        if (c.replay != null) {
            if (c.target == null) {
                fail("Missing option '--target COLUMN': --replay needs the name of the target column");
            }
        } else {
            for (String flag : List.of("--target", "--stream-id", "--ignore-column")) {
                if (parsed.hasMatchedOption(flag)) {
                    fail("option '" + flag + "' only applies with --replay FILE.csv");
                }
            }
        }
        if (c.out != null) {
            String name = c.out.getFileName() == null ? "" : c.out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".avro") && !name.endsWith(".csv")) {
                fail("Invalid value for option '--out': '" + c.out + "' (the file name must end in .avro or .csv to choose the format)");
            }
        }
        if (c.out != null || c.discard) {
            for (String flag : KAFKA_ONLY) {
                if (parsed.hasMatchedOption(flag)) {
                    fail("option '" + flag + "' only applies when writing to Kafka, not with " + (c.discard ? "--discard" : "--out"));
                }
            }
            if (c.replay == null && c.count == null && c.duration == null) {
                fail("--" + (c.discard ? "discard" : "out") + " needs --count N or --duration TIME: a generated stream never ends by itself");
            }
        }
    }

    private void atMostOne(String a, boolean hasA, String b, boolean hasB) {
        if (hasA && hasB) {
            fail("options '" + a + "' and '" + b + "' cannot be used together; give one");
        }
    }

    private void positive(String flag, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            fail("Invalid value for option '" + flag + "': " + value + " (must be a number of samples/s > 0)");
        }
    }

    private void fail(String message) {
        throw new ParameterException(c.spec.commandLine(), message);
    }
}
