package dev.driftwise.bench.harness.method;

import dev.driftwise.metaoptimize.spec.ModelFacts;
import dev.driftwise.metaoptimize.spec.OptimizerConfig;
import dev.driftwise.metaoptimize.spec.OptimizerSpec;
import dev.driftwise.metaoptimize.spec.SpecText;
import java.util.ArrayList;
import java.util.List;

/**
 * One method of a benchmark, named by its optimizer spec — the same spelling as the job's
 * {@code --optimizer} and every snapshot. A fixed-step spec without {@code lr} ({@code sgd},
 * {@code adam}) stands for its whole grid ("best fixed step in hindsight"); {@link #withStepSize} picks
 * a grid point, or for an adaptive method its initial step size α0.
 *
 * @param spec the spec as the user wrote it (with any step size the bench set)
 */
public record BenchMethod(OptimizerSpec spec) {

    /** Every family once, for {@code --methods all}. */
    public static final List<String> ALL = List.of("default", "sgd", "adam", "rmsprop", "lion", "idbd", "autostep", "sgd-hd",
            "adam-hd", "metaoptimize(base=sgd,meta=lion,blocks=per-weight,gamma=0.9)",
            "metaoptimize(base=sgd,meta=lion,blocks=scalar,gamma=0.9)", "metaoptimize(base=adam,meta=lion,blocks=scalar,gamma=0.9)",
            "metaoptimize(base=sgd,meta=lion,blocks=scalar,trace=full,gamma=0.9)");

    public static BenchMethod parse(String text) {
        return new BenchMethod(OptimizerSpec.parse(text));
    }

    /**
     * Comma-separated specs (commas inside a spec's parentheses belong to it), or {@code all}.
     *
     * @throws IllegalArgumentException naming the spec that does not parse, with the new spelling of an old one
     */
    public static List<BenchMethod> parseList(String text) {
        List<BenchMethod> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                String name = text.substring(start, i).trim();
                start = i + 1;
                if (name.equalsIgnoreCase("all")) {
                    ALL.forEach(n -> out.add(parse(n)));
                } else if (!name.isEmpty()) {
                    out.add(parse(name));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--methods '" + text + "' names no method; e.g. --methods sgd,idbd,default");
        }
        return out;
    }

    /** Whether this names a whole fixed-step grid rather than one configuration. */
    public boolean isGrid() {
        return spec.isFixedStep() && !spec.has("lr");
    }

    /** Whether it learns its step size (and so has an α0 and a meta step size to sweep). */
    public boolean adaptive() {
        return !spec.isFixedStep();
    }

    /** The fixed-step SGD grid: the reference of the paired differences. */
    public boolean isSgdGrid() {
        return isGrid() && spec.name().equals("sgd");
    }

    /** Whether the spec names its initial (or fixed) step size. */
    public boolean hasStepSize() {
        return spec.has(spec.stepSizeKey());
    }

    /** A grid point ({@code lr}) or an adaptive method's α0 ({@code alpha0}). */
    public BenchMethod withStepSize(double value) {
        return new BenchMethod(spec.with(spec.stepSizeKey(), SpecText.number(value)));
    }

    /** The meta step size under the preset's own name: θ of IDBD, μ of Autostep, β of HD, η of MetaOptimize. */
    public BenchMethod withMetaStep(double value) {
        if (!adaptive()) {
            throw new IllegalArgumentException("method " + spec + " has a fixed step size and no meta step size to set");
        }
        return new BenchMethod(spec.with(metaStepKey(), SpecText.number(value)));
    }

    private String metaStepKey() {
        return switch (spec.name()) {
            case "idbd" -> "theta";
            case "autostep" -> "mu";
            case "sgd-hd", "adam-hd" -> "beta";
            default -> "eta";
        };
    }

    /** The configuration it runs on a model with these facts. */
    public OptimizerConfig config(ModelFacts facts) {
        return spec.resolve(facts);
    }

    /** The family name (the preset), e.g. {@code sgd} or {@code metaoptimize}. */
    public String family() {
        return spec.name();
    }

    /** The spec as written, e.g. {@code idbd(theta=0.01,alpha0=0.1)}: it names this exact configuration. */
    public String label() {
        return spec.toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
