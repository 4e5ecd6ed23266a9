package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.PrequentialAccuracy;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.SquaredErrorTail;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Bring your own data: a CSV file replayed in file order as a prequential stream. Features are
 * standardised online (running mean and variance), since a user's columns come in any scale.
 * Regression is scored by the MSE of the whole stream, classification by prequential accuracy.
 * The file is one fixed sequence, so the run seed does not change the stream.
 */
public final class CsvTask implements BenchTask {

    private final Path file;
    private final CsvData data;
    private final CsvData.Task kind;

    public CsvTask(Path file, String targetColumn, CsvData.Task kind) {
        this.file = file;
        this.kind = kind;
        this.data = CsvData.read(file, targetColumn, kind);
    }

    @Override public String id() { return "csv"; }

    @Override
    public String title() {
        return file.getFileName() + ": " + data.rows() + " rows, " + data.featureCount() + " features, "
                + kind.name().toLowerCase() + (data.classes().isEmpty() ? "" : " " + data.classes());
    }

    @Override
    public ModelSpec model() {
        ModelSpec spec = switch (kind) {
            case REGRESSION -> ModelSpec.linearRegression(data.featureCount());
            case BINARY -> ModelSpec.logisticRegression(data.featureCount());
            case MULTICLASS -> ModelSpec.softmaxRegression(data.featureCount(), data.classes().size());
        };
        return spec.withStandardization(true);
    }

    @Override public long protocolSamples() { return data.rows(); }

    @Override
    public PrimaryScore primaryScore() {
        return kind == CsvData.Task.REGRESSION ? new PrimaryScore("mse", true) : new PrimaryScore("accuracy", false);
    }

    @Override
    public TaskScorer newScorer(long samples) {
        return kind == CsvData.Task.REGRESSION ? new SquaredErrorTail(0, 0, false, Tasks.mseWindow(samples)) : new PrequentialAccuracy(Tasks.WINDOW);
    }

    @Override public List<WeightGroup> weightGroups() { return List.of(); }

    @Override public boolean seedChangesStream() { return false; }

    public CsvData data() {
        return data;
    }

    @Override
    public SampleStream open(long seed) {
        return new SampleStream() {
            private int next;

            @Override public String streamId() { return file.getFileName().toString(); }
            @Override public int featureCount() { return data.featureCount(); }
            @Override public String targetKind() {
                return kind == CsvData.Task.MULTICLASS ? "multiclass:" + data.classes().size() : kind.name().toLowerCase();
            }
            @Override public double ratePerSecond() { return 0; }

            @Override
            public void next(GeneratedSample into) {
                if (next >= data.rows()) {
                    throw new IllegalStateException(file + " has only " + data.rows() + " rows");
                }
                into.seq = next;
                into.target = data.row(next++, into.features);
            }
        };
    }
}
