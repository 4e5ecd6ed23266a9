package dev.driftwise.bench.harness.report;

import dev.driftwise.bench.harness.run.BenchResult;
import dev.driftwise.bench.harness.run.ConfigResult;
import dev.driftwise.bench.harness.run.MethodResult;
import dev.driftwise.bench.harness.run.PathPoint;
import dev.driftwise.bench.harness.run.RunResult;
import dev.driftwise.bench.harness.run.SweepResult;
import dev.driftwise.metaoptimize.BlockStepSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the α path of every reported configuration (the best grid point of a grid, the one
 * configuration of an adaptive method, every sweep point) as one CSV per configuration into a
 * folder: columns run, sample, kind (block or group), name, alpha, alphaMin, alphaMax.
 */
public final class StepSizePaths {

    private StepSizePaths() {
    }

    /** @return the files written */
    public static List<Path> write(BenchResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<ConfigResult> configs = new ArrayList<>();
        for (MethodResult m : result.methods()) {
            if (m.best() != null) {
                configs.add(m.best());
            }
        }
        for (SweepResult s : result.sweeps()) {
            configs.addAll(s.points());
        }
        List<Path> written = new ArrayList<>();
        for (ConfigResult c : configs) {
            Path file = folder.resolve(result.task().id() + "-" + fileName(c.method().label()) + ".csv");
            if (written.contains(file)) {
                continue;
            }
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                out.println("run,sample,kind,name,alpha,alphaMin,alphaMax");
                for (RunResult r : c.runs()) {
                    for (PathPoint p : r.path()) {
                        for (BlockStepSize b : p.blocks()) {
                            out.printf(Locale.ROOT, "%d,%d,block,%s,%s,%s,%s%n", r.run(), p.sample(), b.block(), b.alpha(),
                                    b.alphaMin(), b.alphaMax());
                        }
                        p.groupSteps().forEach((name, v) -> out.printf(Locale.ROOT, "%d,%d,group,%s,%s,,%n", r.run(),
                                p.sample(), name, v));
                    }
                }
            }
            written.add(file);
        }
        return written;
    }

    static String fileName(String label) {
        return label.replaceAll("[^A-Za-z0-9.=-]+", "_");
    }
}
