package dev.driftwise.streams.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of {@code gen}: its exit code and what it printed. */
record Run(int exitCode, String out, String err, double seconds) {

    static Run gen(String... args) {
        return gen(new TinyScenarios(), args);
    }

    /** With the generator library's real scenarios (built-ins and JSON files). */
    static Run genWithLibrary(String... args) {
        return gen(new LibraryScenarios(), args);
    }

    static Run gen(ScenarioCatalog catalog, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GenCommand.commandLine(new GenCommand(catalog));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + " after " + String.format("%.1f", seconds) + " s\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
