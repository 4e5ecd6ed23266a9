package dev.driftwise.cli.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything this JVM prints to System.out and System.err while installed, still shown as usual: a test can
 * then check what a user would have seen (no secret, no stack trace), whoever printed it (Flink, Kafka, us).
 */
public final class CapturedOutput implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public static CapturedOutput install() {
        CapturedOutput c = new CapturedOutput();
        System.setOut(new PrintStream(c.tee(c.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(c.tee(c.originalErr), true, StandardCharsets.UTF_8));
        return c;
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
