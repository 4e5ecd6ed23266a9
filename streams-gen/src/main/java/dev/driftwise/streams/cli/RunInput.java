package dev.driftwise.streams.cli;

import dev.driftwise.streams.SampleStream;
import dev.driftwise.streams.replay.CsvReplay;
import dev.driftwise.streams.replay.CsvReplayStream;
import dev.driftwise.streams.scenario.Scenario;
import dev.driftwise.streams.sink.SampleOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.ParameterException;

/**
 * The streams of one run and where they come from: a scenario, or a CSV file checked in full
 * before the first sample goes anywhere. {@code finiteRows} is the replay's length, -1 for endless
 * generated streams. Closing it closes the replay file.
 */
record RunInput(List<? extends SampleStream> streams, SampleOrigin origin, long finiteRows, AutoCloseable file)
        implements AutoCloseable {

    static RunInput open(GenCommand c, ScenarioCatalog catalog) throws IOException {
        return c.replay != null ? replay(c) : scenario(c, catalog);
    }

    private static RunInput scenario(GenCommand c, ScenarioCatalog catalog) {
        String name = c.scenario != null ? c.scenario : GenCommand.DEFAULT_SCENARIO;
        Scenario loaded;
        try {
            loaded = catalog.load(name, c.seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(c.spec.commandLine(), "Invalid value for option '--scenario': " + e.getMessage());
        }
        List<SampleStream> streams = loaded.streams();
        if (streams.isEmpty()) {
            throw new ParameterException(c.spec.commandLine(), "Invalid value for option '--scenario': '" + name + "' has no streams");
        }
        long seed = catalog.seedOf(loaded);
        String runId = runId(c, loaded.name() + " seed " + seed);
        return new RunInput(streams, SampleOrigin.scenario(loaded.name(), seed, runId), -1, () -> { });
    }

    private static RunInput replay(GenCommand c) throws IOException {
        String fileName = c.replay.getFileName().toString();
        String id = c.streamId != null ? c.streamId : fileName.replaceFirst("\\.[^.]*$", "");
        CsvReplay checked;
        try {
            checked = CsvReplay.validate(c.replay, c.target, id, c.ignoredColumns);
        } catch (NoSuchFileException e) {
            throw new ParameterException(c.spec.commandLine(), "Invalid value for option '--replay': no file '" + c.replay + "'");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(c.spec.commandLine(), e.getMessage());
        }
        CsvReplayStream stream = checked.open();
        return new RunInput(List.of(stream), SampleOrigin.replay(fileName, runId(c, "replay " + fileName)), checked.rows(), stream);
    }

    /** File outputs get a run id derived from their source, so the same seed writes the same bytes. */
    private static String runId(GenCommand c, String basis) {
        return c.out != null ? UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString() : UUID.randomUUID().toString();
    }

    @Override
    public void close() throws Exception {
        file.close();
    }
}
