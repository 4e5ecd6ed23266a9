package dev.driftwise.learner;

import ai.djl.ndarray.NDManager;
import dev.driftwise.metaoptimize.OnlineOptimizer;
import dev.driftwise.metaoptimize.ParameterLayout;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Builds the optimizer a learner steps with, once its parameter layout is known, so the learner
 * works with any MetaOptimize configuration or baseline. Example:
 * <pre>{@code
 * OptimizerFactory.of("idbd(theta=0.01)", (layout, manager) -> Idbd.builder().optTheta(0.01).build(layout, manager))
 *         .withDiagonalHessian();
 * }</pre>
 */
public interface OptimizerFactory {

    /** A new optimizer over {@code layout} whose tensors live in {@code manager} (its device). */
    OnlineOptimizer create(ParameterLayout layout, NDManager manager);

    /** Human-readable configuration, recorded in snapshots as provenance and checked on restore. */
    String description();

    /**
     * Whether every step must carry the diagonal of the Hessian (IDBD, Autostep, MetaOptimize's
     * diagonal-Hessian trace). Only one-layer models provide it (exactly); an MLP learner refuses
     * such a factory at build time.
     */
    default boolean needsDiagonalHessian() {
        return false;
    }

    /** The same factory, asking for the diagonal Hessian on every step. */
    default OptimizerFactory withDiagonalHessian() {
        OptimizerFactory self = this;
        return new OptimizerFactory() {
            @Override
            public OnlineOptimizer create(ParameterLayout layout, NDManager manager) {
                return self.create(layout, manager);
            }

            @Override
            public String description() {
                return self.description();
            }

            @Override
            public boolean needsDiagonalHessian() {
                return true;
            }
        };
    }

    static OptimizerFactory of(String description, BiFunction<ParameterLayout, NDManager, OnlineOptimizer> create) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(create, "create");
        return new OptimizerFactory() {
            @Override
            public OnlineOptimizer create(ParameterLayout layout, NDManager manager) {
                return create.apply(layout, manager);
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
