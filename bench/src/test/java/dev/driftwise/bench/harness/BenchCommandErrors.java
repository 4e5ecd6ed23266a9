package dev.driftwise.bench.harness;

/** Test helper shared across packages: runs the command, expects exit code 2, returns stderr. */
public final class BenchCommandErrors {

    private BenchCommandErrors() {
    }

    public static String expectError(String[] args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = BenchCommand.execute(args, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (code != 2) {
            throw new AssertionError("expected exit code 2 for " + String.join(" ", args) + ", got " + code + "; stderr: " + message);
        }
        return message;
    }
}
