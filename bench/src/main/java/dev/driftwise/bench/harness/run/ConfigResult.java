package dev.driftwise.bench.harness.run;

import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.stats.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One method configuration over all R runs: each score's mean ± standard error, and the final
 * median effective step of each weight group.
 */
public record ConfigResult(BenchMethod method, List<RunResult> runs) {

    public ConfigResult {
        runs = List.copyOf(runs);
    }

    /** The per-run values of score {@code name}, in run order. */
    public double[] values(String name) {
        return runs.stream().mapToDouble(r -> r.scores().getOrDefault(name, Double.NaN)).toArray();
    }

    public Map<String, Summary> scores() {
        Map<String, Summary> out = new LinkedHashMap<>();
        if (!runs.isEmpty()) {
            for (String name : runs.get(0).scores().keySet()) {
                out.put(name, Summary.of(values(name)));
            }
        }
        return out;
    }

    public Summary score(String name) {
        return Summary.of(values(name));
    }

    /** Final median effective step per weight group, over runs (diverged runs give NaN). */
    public Map<String, Summary> groupSteps() {
        Map<String, Summary> out = new LinkedHashMap<>();
        if (runs.isEmpty() || runs.get(0).finalStepSizes() == null) {
            return out;
        }
        for (String group : runs.get(0).finalStepSizes().groupSteps().keySet()) {
            out.put(group, Summary.of(runs.stream().mapToDouble(r -> r.diverged() || r.finalStepSizes() == null ? Double.NaN
                    : r.finalStepSizes().groupSteps().getOrDefault(group, Double.NaN)).toArray()));
        }
        return out;
    }

    public int divergedRuns() {
        return (int) runs.stream().filter(RunResult::diverged).count();
    }

    public double seconds() {
        return runs.stream().mapToDouble(RunResult::seconds).sum();
    }

    /** The step size it ran with: the fixed step of a grid point, α0 of an adaptive method (from the run's settings). */
    public double stepSize() {
        String v = runs.get(0).optimizerSettings().get("alpha0");
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
