package dev.driftwise.bench.harness;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.method.StepSizeGrid;
import dev.driftwise.bench.harness.report.BenchCharts;
import dev.driftwise.bench.harness.report.JsonReport;
import dev.driftwise.bench.harness.report.StepSizePaths;
import dev.driftwise.bench.harness.report.TableReport;
import dev.driftwise.bench.harness.run.BenchPlan;
import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.BenchRunner;
import dev.driftwise.bench.harness.run.RunSettings;
import dev.driftwise.bench.harness.task.BenchTask;
import dev.driftwise.bench.harness.task.CsvTask;
import dev.driftwise.bench.harness.task.Tasks;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./driftwise bench}: the learning-quality benchmarks of benchmarks.md, offline. */
@Command(name = "driftwise bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Learning-quality benchmarks on drifting streams (docs/benchmarks.md),",
            "offline. Every method sees the same stream in run r (common random",
            "numbers); scores are mean ± standard error over the runs, with the",
            "paired difference to the best fixed step size in hindsight.",
            "",
            "Tasks: T1 (weight flipping), T2 (level tracking), T3 (stationary),",
            "T5 / T5-slow (rotating hyperplane, t = 0.001 / 0.0001), T6 / T6-gradual",
            "(SEA), T7 / T7-mlp (permuted-input teacher), or --csv FILE for your own",
            "data (--model, --standardize, --score-from).",
            "",
            "Methods (--methods, comma-separated, or all): optimizer specs, the",
            "spelling of the job's --optimizer and of every snapshot:",
            "  default                          chosen from the model (the product)",
            "  sgd, sgdm, adam, rmsprop, lion   fixed step, best of the grid",
            "  adam(lr=0.001)                   one fixed step",
            "  idbd(theta=,alpha0=)  autostep(mu=,tau=,alpha0=)",
            "  sgd-hd(beta=,rule=add|mult,alpha0=)  adam-hd(beta=,rule=,alpha0=)",
            "  metaoptimize(base=,meta=,blocks=,trace=,gamma=,eta=,alpha0=,alpha-min=,...)",
            "Example:",
            "  ./driftwise bench T1 --samples 3000 --runs 2 \\",
            "      --methods 'sgd,idbd,metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9)'",
            ""})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "T1, T2, T3, T5, T5-slow, T6, T6-gradual, T7, T7-mlp (omit with --csv)")
    String taskId;

    @Option(names = "--samples", paramLabel = "N", description = "samples per run (default: the task's protocol length)")
    Long samples;

    @Option(names = "--runs", paramLabel = "R", description = "runs with different streams (default 5; benchmarks.md asks for 20 on small tasks; 1 with --csv)")
    Integer runs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "micro-batch: samples per optimizer step (default 1)")
    int batch;

    @Option(names = "--methods", paramLabel = "LIST", description = "methods to compare (default: " + BenchTask.ONE_LAYER_METHODS
            + "; for T7-mlp: " + BenchTask.MLP_METHODS + "; for T2: " + Tasks.T2_METHODS + ")")
    String methods;

    @Option(names = "--grid", paramLabel = "GRID", defaultValue = "pow2", description = "fixed-step grid: pow2 (2^0 … 2^-16, default) or half-decades (1 … 1e-5)")
    String grid;

    @Option(names = "--alpha0", paramLabel = "A", description = "initial step size of every adaptive method that does not name its own a0")
    Double alpha0;

    @Option(names = "--sweep", paramLabel = "KIND", defaultValue = "none",
            description = "add a robustness curve for every adaptive method: alpha0 (1e-6 … 1e-1) or meta (meta step size 1e-5 … 1e-1)")
    String sweep;

    @Option(names = "--sweep-values", paramLabel = "V,V,…", split = ",", description = "the swept values, increasing (default per --sweep)")
    double[] sweepValues;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "stream seed of run 0; run r uses S + r (default 1)")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "runs in parallel (default 1)")
    int threads;

    @Option(names = "--json", paramLabel = "FILE", description = "write every number as JSON")
    Path json;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "write the step-size (α) path of each reported configuration as CSV")
    Path outDir;

    @Option(names = "--charts", paramLabel = "DIR", description = "write PNG charts: the task's series over time per method "
            + "(drifts marked), α per block of each adaptive method, robustness curves of --sweep; T2: α against α*(σ_k)")
    Path charts;

    @Option(names = "--path-points", paramLabel = "N", defaultValue = "100", description = "step-size recordings per run (default 100)")
    int pathPoints;

    @Option(names = "--csv", paramLabel = "FILE", description = "your own data: a CSV with a header line, replayed in file order")
    Path csv;

    @Option(names = "--target", paramLabel = "COLUMN", description = "with --csv: the target column")
    String target;

    @Option(names = "--task", paramLabel = "KIND", description = "with --csv: regression, binary or multiclass (default: the --model's)")
    String csvTask;

    @Option(names = "--model", paramLabel = "SPEC", description = "with --csv: the model, as the job's --model: linear:<d>, logistic:<d>, "
            + "softmax:<d>:<classes>, mlp:<d>-<hidden>-...-<outputs> or a learner JSON spec (default: linear, logistic or softmax"
            + " with bias, per --task)")
    String model;

    @Option(names = "--standardize", paramLabel = "true|false", arity = "1",
            description = "with --csv: standardise features online, running mean and variance (default true)")
    Boolean standardize;

    @Option(names = "--score-from", paramLabel = "N", description = "with --csv: score the samples from 0-based index N on"
            + " (default 0: the whole stream, start-up included)")
    Long scoreFrom;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private String commandLine = "";

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command with its output on {@code out} (table) and {@code err} (progress, errors); returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        BenchCommand command = new BenchCommand();
        command.out = out;
        command.err = err;
        command.commandLine = "./driftwise bench " + String.join(" ", args);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                err.println("driftwise bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        BenchTask task = task();
        long n = samples != null ? samples : task.protocolSamples();
        task = task.forSamples(n);
        int r = runs != null ? runs : task.seedChangesStream() ? 5 : 1;
        if (!task.seedChangesStream() && r > 1) {
            throw new IllegalArgumentException("--runs " + r + " with --csv: the file is one fixed stream, so every run would be "
                    + "identical; use --runs 1");
        }
        BenchPlan.Sweep sweepKind = switch (sweep.toLowerCase(Locale.ROOT)) {
            case "none" -> BenchPlan.Sweep.NONE;
            case "alpha0" -> BenchPlan.Sweep.ALPHA0;
            case "meta" -> BenchPlan.Sweep.META_STEP;
            default -> throw new IllegalArgumentException("--sweep " + sweep + ": use none, alpha0 or meta");
        };
        if (!task.seedChangesStream() && n > task.protocolSamples()) {
            throw new IllegalArgumentException("--samples " + n + ": the CSV has only " + task.protocolSamples() + " rows");
        }
        if (scoreFrom != null && scoreFrom >= n) {
            throw new IllegalArgumentException("--score-from " + scoreFrom + ": the run has only " + n + " samples (0 to " + (n - 1)
                    + "), so nothing would be scored; give an index below " + n);
        }
        if (alpha0 != null && !(alpha0 > 0)) {
            throw new IllegalArgumentException("--alpha0 " + alpha0 + ": must be > 0, e.g. 1e-4");
        }
        String methodList = methods != null ? methods : task.defaultMethods();
        BenchPlan plan = new BenchPlan(task, BenchMethod.parseList(methodList), r, seed, new RunSettings(n, batch, pathPoints),
                StepSizeGrid.parse(grid), alpha0, sweepKind,
                sweepValues != null ? sweepValues : sweepKind.defaultValues(), threads);
        BenchResult result = new BenchRunner(quiet ? null : err).run(plan);
        TableReport.print(result, out);
        if (json != null) {
            JsonReport.write(result, commandLine, json);
            err.println("wrote " + json);
        }
        if (outDir != null) {
            List<Path> files = StepSizePaths.write(result, outDir);
            err.println("wrote " + files.size() + " step-size path file(s) to " + outDir);
        }
        if (charts != null) {
            List<Path> files = BenchCharts.write(result, charts);
            err.println("wrote " + files.size() + " chart(s) to " + charts);
        }
        return 0;
    }

    private BenchTask task() {
        if (csv != null) {
            if (taskId != null) {
                throw new IllegalArgumentException("give either a task (" + taskId + ") or --csv FILE, not both");
            }
            if (target == null) {
                throw new IllegalArgumentException("--csv needs --target COLUMN, the column to predict");
            }
            if (scoreFrom != null && scoreFrom < 0) {
                throw new IllegalArgumentException("--score-from " + scoreFrom + ": must be a sample index ≥ 0 (0 scores the whole stream)");
            }
            Task kind = csvTask == null ? null : Arrays.stream(Task.values()).filter(t -> t.id().equalsIgnoreCase(csvTask)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--task " + csvTask + ": use regression, binary or multiclass"));
            ModelSpec spec = model == null ? null : CsvTask.readModel(model, kind);
            if (kind == null && spec == null) {
                throw new IllegalArgumentException("--csv needs --task regression|binary|multiclass, or a --model whose task it is");
            }
            return new CsvTask(csv, new CsvTask.Settings(target, kind != null ? kind : spec.task(), model, spec,
                    standardize == null || standardize, scoreFrom == null ? 0 : scoreFrom));
        }
        if (target != null || csvTask != null || model != null || standardize != null || scoreFrom != null) {
            throw new IllegalArgumentException("--target, --task, --model, --standardize and --score-from go with --csv FILE;"
                    + " the built-in tasks define their own");
        }
        if (taskId == null) {
            throw new IllegalArgumentException("name a task (" + String.join(", ", Tasks.ids()) + ") or give --csv FILE");
        }
        return Tasks.byId(taskId);
    }
}
