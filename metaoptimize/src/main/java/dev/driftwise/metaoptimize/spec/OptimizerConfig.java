package dev.driftwise.metaoptimize.spec;

import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import dev.driftwise.metaoptimize.tensor.DType;
import dev.driftwise.metaoptimize.tensor.Engine;
import java.util.Map;

/**
 * One optimizer configuration, fully resolved: what an optimizer spec names once presets and
 * defaults are applied. {@link #text()} is its canonical spelling — the one the job's
 * {@code --optimizer}, the bench's {@code --methods}, the demo and every snapshot use — and
 * {@code OptimizerSpec.parse(text()).resolve(anyFacts)} gives back an equal configuration.
 */
public interface OptimizerConfig {

    /** Every setting, e.g. {@code metaoptimize(base=adam,adam-form=code,rho=0.9,…)}. */
    String text();

    /** The shortest spelling that parses back to this configuration: a preset where one fits. */
    String label();

    /** Every setting by its key, in the canonical order (a snapshot's hyper-parameters). */
    Map<String, String> settings();

    /** Whether every step needs the diagonal of the loss Hessian (only one-layer models provide it). */
    boolean needsDiagonalHessian();

    /** Whether every step needs the gradient at other weights (the full trace's Hessian-vector products). */
    boolean needsGradientFunction();

    /** A new optimizer over {@code layout}, its state on {@code engine} in the parameters' {@code dtype}. */
    OnlineOptimizer build(ParameterLayout layout, Engine engine, DType dtype);
}
