package dev.driftwise.bench.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftwise.bench.harness.method.BenchMethod;
import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.ConfigResult;
import dev.driftwise.bench.harness.run.MethodResult;
import dev.driftwise.bench.harness.run.PathPoint;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.SweepResult;
import dev.driftwise.bench.harness.stats.Summary;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every number of a bench as JSON: the settings, then per method each configuration's score
 * summaries (mean, standard error, per-run values), per run its scores, series, stream digest and
 * final step sizes, the paired difference to the best fixed step, and the sweeps with their robust
 * widths. Non-finite numbers (diverged runs) are written as null.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(BenchResult result, String command, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson(result, command));
    }

    public static ObjectNode toJson(BenchResult result, String command) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.put("date", java.time.Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        ObjectNode task = root.putObject("task");
        task.put("id", result.task().id());
        task.put("title", result.task().title());
        task.put("model", result.task().model().toCanonicalString());
        task.put("protocolSamples", result.task().protocolSamples());
        task.put("primaryScore", result.task().primaryScore().name());
        task.put("lowerIsBetter", result.task().primaryScore().lowerIsBetter());
        root.put("samples", result.settings().samples());
        root.put("batch", result.settings().batch());
        root.put("runs", result.seeds().length);
        ArrayNode seeds = root.putArray("seeds");
        for (long s : result.seeds()) {
            seeds.add(s);
        }
        root.put("seconds", result.seconds());
        if (result.bestFixed() != null) {
            root.put("bestFixed", result.bestFixed().method().label());
        }
        ArrayNode methods = root.putArray("methods");
        for (MethodResult m : result.methods()) {
            ObjectNode node = methods.addObject();
            method(node, m.method());
            node.put("grid", m.method().isGrid());
            if (m.best() != null) {
                node.put("best", m.best().method().label());
                if (m.method().isGrid()) {
                    num(node, "bestStepSize", m.best().stepSize());
                }
                node.set("scores", summaries(m.best().scores()));
                node.set("finalGroupSteps", summaries(m.best().groupSteps()));
            } else {
                node.putNull("best");
            }
            if (m.pairedToBestFixed() != null) {
                node.set("pairedToBestFixed", summary(m.pairedToBestFixed()));
            }
            ArrayNode points = node.putArray("points");
            for (ConfigResult c : m.points()) {
                config(points.addObject(), c);
            }
        }
        ArrayNode sweeps = root.putArray("sweeps");
        for (SweepResult s : result.sweeps()) {
            ObjectNode node = sweeps.addObject();
            method(node, s.method());
            node.put("parameter", s.parameter());
            ObjectNode width = node.putObject("robustWidth");
            num(width, "decades", s.width().decades());
            num(width, "low", s.width().low());
            num(width, "high", s.width().high());
            num(width, "bestLoss", s.width().best());
            num(width, "bestAt", s.width().bestAt());
            ArrayNode curve = node.putArray("curve");
            for (int i = 0; i < s.values().length; i++) {
                ObjectNode p = curve.addObject();
                num(p, "value", s.values()[i]);
                config(p, s.points().get(i));
            }
        }
        return root;
    }

    private static void method(ObjectNode node, BenchMethod m) {
        node.put("name", m.label());
        node.put("family", m.family());
    }

    private static void config(ObjectNode node, ConfigResult c) {
        BenchMethod m = c.method();
        node.put("label", m.label());
        num(node, m.adaptive() ? "alpha0" : "stepSize", c.stepSize());
        node.put("optimizer", c.runs().get(0).optimizer()); // the canonical spec that ran: every setting
        ObjectNode settings = node.putObject("settings");
        c.runs().get(0).optimizerSettings().forEach(settings::put);
        node.put("divergedRuns", c.divergedRuns());
        node.set("scores", summaries(c.scores()));
        node.set("finalGroupSteps", summaries(c.groupSteps()));
        ArrayNode runs = node.putArray("runs");
        for (RunResult r : c.runs()) {
            ObjectNode run = runs.addObject();
            run.put("run", r.run());
            run.put("seed", r.seed());
            run.put("streamDigest", Long.toHexString(r.streamDigest()));
            run.put("samples", r.samples());
            if (r.diverged()) {
                run.put("divergedAtSample", r.divergedAt() + 1);
            }
            run.put("seconds", r.seconds());
            ObjectNode scores = run.putObject("scores");
            r.scores().forEach((k, v) -> num(scores, k, v));
            ObjectNode series = run.putObject("series");
            r.series().forEach((k, v) -> {
                ArrayNode a = series.putArray(k);
                for (double x : v) {
                    if (Double.isFinite(x)) {
                        a.add(x);
                    } else {
                        a.addNull();
                    }
                }
            });
            PathPoint last = r.finalStepSizes();
            if (last != null) {
                ObjectNode fin = run.putObject("finalStepSizes");
                fin.put("sample", last.sample());
                ArrayNode blocks = fin.putArray("blocks");
                for (BlockStepSize b : last.blocks()) {
                    ObjectNode bn = blocks.addObject();
                    bn.put("block", b.block());
                    bn.put("size", b.size());
                    num(bn, "alpha", b.alpha());
                    num(bn, "alphaMin", b.alphaMin());
                    num(bn, "alphaMax", b.alphaMax());
                }
                ObjectNode groups = fin.putObject("groupEffectiveSteps");
                last.groupSteps().forEach((k, v) -> num(groups, k, v));
            }
        }
    }

    private static ObjectNode summaries(Map<String, Summary> map) {
        ObjectNode node = JSON.createObjectNode();
        map.forEach((k, v) -> node.set(k, summary(v)));
        return node;
    }

    private static ObjectNode summary(Summary s) {
        ObjectNode node = JSON.createObjectNode();
        num(node, "mean", s.mean());
        num(node, "standardError", s.standardError());
        node.put("runs", s.runs());
        node.put("nonFiniteRuns", s.nonFinite());
        ArrayNode values = node.putArray("values");
        for (double v : s.values()) {
            if (Double.isFinite(v)) {
                values.add(v);
            } else {
                values.addNull();
            }
        }
        return node;
    }

    private static void num(ObjectNode node, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            node.putNull(name);
        } else {
            node.put(name, v);
        }
    }
}
