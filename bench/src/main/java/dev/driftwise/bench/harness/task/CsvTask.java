package dev.driftwise.bench.harness.task;

import dev.driftwise.bench.harness.score.PrequentialAccuracy;
import dev.driftwise.bench.harness.score.PrimaryScore;
import dev.driftwise.bench.harness.score.SquaredErrorTail;
import dev.driftwise.bench.harness.score.TaskScorer;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import dev.driftwise.streams.GeneratedSample;
import dev.driftwise.streams.SampleStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Bring your own data: a CSV file replayed in file order as a prequential stream. The model is the
 * user's {@code --model} (checked against the file: feature count, task, classes) or, without one,
 * a linear, logistic or softmax model with bias for the task. Features are standardised online
 * (running mean and variance) unless {@code --standardize false}, since a user's columns come in any
 * scale. Regression is scored by the MSE, classification by prequential accuracy, over the samples
 * from {@code --score-from} on (the whole stream by default). The file is one fixed sequence, so the
 * run seed does not change the stream.
 */
public final class CsvTask implements BenchTask {

    /**
     * How a CSV is benchmarked.
     *
     * @param targetColumn the column to predict
     * @param kind regression, binary or multiclass
     * @param modelText {@code --model} as given, or null for the task's linear model
     * @param model {@code modelText} read by {@link ModelFlag}, or null
     * @param standardize whether features are standardised online
     * @param scoreFrom 0-based index of the first scored sample
     */
    public record Settings(String targetColumn, Task kind, String modelText, ModelSpec model, boolean standardize,
                           long scoreFrom) {}

    private final Path file;
    private final CsvData data;
    private final Settings settings;
    private final ModelSpec model;

    public CsvTask(Path file, Settings settings) {
        this.file = file;
        this.settings = settings;
        this.data = CsvData.read(file, settings.targetColumn(), settings.kind());
        this.model = (settings.model() != null ? checked(settings.model()) : defaultModel())
                .withStandardization(settings.standardize());
    }

    /**
     * Reads {@code --model} for {@code --csv} and checks it against {@code --task} before the file is
     * read; {@code kind} is {@code --task}, or null.
     */
    public static ModelSpec readModel(String text, Task kind) {
        ModelSpec spec = ModelFlag.parse(text, kind);
        if (kind != null && spec.task() != kind) {
            throw new IllegalArgumentException("--model " + text + " predicts a " + spec.task().id() + " target, but --task is "
                    + kind.id() + "; use a " + kind.id() + " model: " + switch (kind) {
                        case REGRESSION -> "linear:<d> or mlp:<d>-<hidden>-1";
                        case BINARY -> "logistic:<d> or mlp:<d>-<hidden>-1";
                        case MULTICLASS -> "softmax:<d>:<classes> or mlp:<d>-<hidden>-<classes>";
                    });
        }
        return spec;
    }

    private ModelSpec defaultModel() {
        return switch (settings.kind()) {
            case REGRESSION -> ModelSpec.linearRegression(data.featureCount());
            case BINARY -> ModelSpec.logisticRegression(data.featureCount());
            case MULTICLASS -> ModelSpec.softmaxRegression(data.featureCount(), data.classes().size());
        };
    }

    private ModelSpec checked(ModelSpec spec) {
        String flag = "--model " + settings.modelText();
        if (spec.inputs() != data.featureCount()) {
            throw new IllegalArgumentException(flag + ": the model takes " + spec.inputs() + " inputs, but " + file.getFileName()
                    + " has " + data.featureCount() + " feature columns (" + preview(data.featureNames())
                    + ": every column except the target '" + settings.targetColumn() + "'); "
                    + ModelFlag.withInputs(settings.modelText(), spec, data.featureCount()));
        }
        if (spec.task() == Task.MULTICLASS && spec.classes() != data.classes().size()) {
            throw new IllegalArgumentException(flag + ": the model has " + spec.classes() + " classes, but the target column '"
                    + settings.targetColumn() + "' of " + file.getFileName() + " has " + data.classes().size() + " labels ["
                    + preview(data.classes().stream().map(l -> "'" + l + "'").toList()) + "]; give the model "
                    + data.classes().size() + " outputs");
        }
        return spec;
    }

    private static String preview(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", …";
    }

    @Override public String id() { return "csv"; }

    @Override
    public String title() {
        return file.getFileName() + ": " + data.rows() + " rows, " + data.featureCount() + " features, "
                + settings.kind().id() + (data.classes().isEmpty() ? "" : " " + data.classes())
                + (settings.modelText() == null ? "" : "; model " + settings.modelText().strip())
                + (settings.standardize() ? "; features standardised online" : "; raw features")
                + (settings.scoreFrom() > 0 ? "; scored from sample " + settings.scoreFrom() + " (0-based)" : "");
    }

    @Override public ModelSpec model() { return model; }

    @Override public long protocolSamples() { return data.rows(); }

    @Override
    public PrimaryScore primaryScore() {
        return settings.kind() == Task.REGRESSION ? new PrimaryScore("mse", true) : new PrimaryScore("accuracy", false);
    }

    @Override
    public TaskScorer newScorer(long samples, SampleStream stream) {
        return settings.kind() == Task.REGRESSION
                ? new SquaredErrorTail(settings.scoreFrom(), 0, false, Tasks.mseWindow(samples))
                : new PrequentialAccuracy(Tasks.WINDOW, settings.scoreFrom());
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
                return settings.kind() == Task.MULTICLASS ? "multiclass:" + data.classes().size()
                        : settings.kind().id();
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
