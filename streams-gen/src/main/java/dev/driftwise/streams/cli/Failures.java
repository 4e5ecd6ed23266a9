package dev.driftwise.streams.cli;

import dev.driftwise.streams.replay.CsvFormatException;
import dev.driftwise.streams.sink.KafkaSampleSink;
import dev.driftwise.streams.sink.KafkaTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Runtime failures end the run with exit code 1. Failures the user can fix (broker unreachable,
 * bad CSV data, a file that cannot be written) print one line without a stack trace; anything else
 * is a bug and prints its stack trace.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String message = userMessage(e);
        if (message != null) {
            err.println("driftwise gen: " + message);
        } else {
            err.println("driftwise gen: unexpected failure, please report it:");
            e.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    static String userMessage(Throwable e) {
        if (e instanceof KafkaTarget.Unavailable || e instanceof KafkaSampleSink.DeliveryFailed || e instanceof CsvFormatException) {
            return e.getMessage();
        }
        if (e instanceof KafkaException) {
            return "Kafka: " + e.getMessage() + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause().getMessage() + ")" : "");
        }
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof IOException) {
            return "I/O failure: " + e;
        }
        return null;
    }
}
