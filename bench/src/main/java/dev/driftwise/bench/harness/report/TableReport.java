package dev.driftwise.bench.harness.report;

import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.ConfigResult;
import dev.driftwise.bench.harness.run.MethodResult;
import dev.driftwise.bench.harness.run.SweepResult;
import dev.driftwise.bench.harness.stats.Summary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The human summary of a bench: one line per method, the fixed-step grids, the sweeps. */
public final class TableReport {

    private TableReport() {
    }

    public static void print(BenchResult result, PrintStream out) {
        String primary = result.task().primaryScore().name();
        out.printf(Locale.ROOT, "%s  %s%n", result.task().id(), result.task().title());
        out.printf(Locale.ROOT, "%d samples per run, %d runs (stream seeds %d..%d, common to all methods), micro-batch %d, %.1f s%n",
                result.settings().samples(), result.seeds().length, result.seeds()[0], result.seeds()[result.seeds().length - 1],
                result.settings().batch(), result.seconds());
        out.printf(Locale.ROOT, "%-40s %-20s %-22s %-22s %s%n", "method", "setting", primary + " (mean ± se)",
                "Δ vs best fixed (± se)", "other scores; final step size by input group (median −Δw/g)");
        for (MethodResult m : result.methods()) {
            if (m.best() == null) {
                out.printf(Locale.ROOT, "%-40s %-20s %s%n", m.method().label(), "-",
                        m.method().isGrid() ? "every grid step size diverged" : "diverged in every run");
                continue;
            }
            ConfigResult best = m.best();
            String setting = m.method().isGrid() ? "lr=" + g(best.stepSize()) + " (best)"
                    : (m.method().adaptive() ? "alpha0=" : "lr=") + g(best.stepSize());
            out.printf(Locale.ROOT, "%-40s %-20s %-22s %-22s %s%s%n", m.method().label(), setting, pm(best.score(primary)),
                    m.pairedToBestFixed() == null ? "-" : pm(m.pairedToBestFixed()), others(best.scores(), primary),
                    groups(best.groupSteps()) + (best.divergedRuns() > 0 ? "; diverged runs " + best.divergedRuns() : ""));
        }
        for (MethodResult m : result.methods()) {
            if (!m.method().isGrid()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (ConfigResult c : m.points()) {
                Summary s = c.score(primary);
                sb.append(sb.length() == 0 ? "" : ", ").append(g(c.stepSize())).append(": ")
                        .append(c.divergedRuns() > 0 ? "diverged" : g(s.mean()));
            }
            out.printf(Locale.ROOT, "grid %s (%s by step size): %s%n", m.method().label(), primary, sb);
        }
        for (SweepResult s : result.sweeps()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.values().length; i++) {
                ConfigResult c = s.points().get(i);
                sb.append(i == 0 ? "" : ", ").append(g(s.values()[i])).append(": ")
                        .append(c.divergedRuns() > 0 ? "diverged" : pm(c.score(primary)));
            }
            out.printf(Locale.ROOT, "sweep %s of %s (%s): %s; robust width %s decades [%s, %s]%n", s.parameter(),
                    s.method().label(), primary, sb, g(s.width().decades()), g(s.width().low()), g(s.width().high()));
        }
    }

    private static String others(Map<String, Summary> scores, String primary) {
        StringBuilder sb = new StringBuilder();
        scores.forEach((k, v) -> {
            if (!k.equals(primary)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(g(v.mean()));
            }
        });
        return sb.toString();
    }

    private static String groups(Map<String, Summary> groups) {
        StringBuilder sb = new StringBuilder();
        groups.forEach((k, v) -> sb.append("; ").append(k).append(" α ").append(g(v.mean())));
        return sb.toString();
    }

    static String pm(Summary s) {
        if (s.nonFinite() > 0) {
            return "diverged (" + s.nonFinite() + "/" + s.runs() + ")";
        }
        return Double.isNaN(s.standardError()) ? g(s.mean()) : g(s.mean()) + " ± " + g(s.standardError());
    }

    static String g(Double v) {
        if (v == null || Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }
}
