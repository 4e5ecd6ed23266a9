package dev.driftwise.bench.harness.method;

/** The families of step-size methods the harness compares. */
public enum MethodKind {
    /** A base optimizer with one fixed step size (a grid point of "best fixed in hindsight"). */
    FIXED("fixed", false, null),
    /** IDBD (Sutton 1992): per-weight step sizes, meta step θ. */
    IDBD("idbd", true, "theta"),
    /** Autostep (Mahmood et al. 2012): IDBD normalised, meta step μ, time scale τ. */
    AUTOSTEP("autostep", true, "mu"),
    /** Hypergradient descent on SGD (Baydin et al. 2018). */
    SGD_HD("sgd-hd", true, "beta"),
    /** Hypergradient descent on Adam (Baydin et al. 2018). */
    ADAM_HD("adam-hd", true, "beta"),
    /** MetaOptimize over base × meta × granularity × trace. */
    METAOPTIMIZE("mo", true, "eta");

    private final String id;
    private final boolean adaptive;
    private final String metaStepName;

    MethodKind(String id, boolean adaptive, String metaStepName) {
        this.id = id;
        this.adaptive = adaptive;
        this.metaStepName = metaStepName;
    }

    public String id() {
        return id;
    }

    /** Whether it learns its step size (and so has an α0 and a meta step size to sweep). */
    public boolean adaptive() {
        return adaptive;
    }

    /** The name of its meta step size in method names ({@code theta=}, {@code mu=}, {@code beta=}, {@code eta=}). */
    public String metaStepName() {
        return metaStepName;
    }
}
