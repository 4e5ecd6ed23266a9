package dev.driftwise.metaoptimize.spec;

/**
 * What the {@code default} optimizer is chosen from: what the job already knows about a stream's
 * model, so nobody has to pick among hundreds of configurations.
 *
 * @param model the model kind: {@code linear}, {@code logistic}, {@code softmax}, {@code mlp}
 * @param task {@code regression}, {@code binary} or {@code multiclass}
 * @param parameters the number of weights
 * @param diagonalHessian whether the learner can hand the exact diagonal of the loss Hessian to every
 *     step (one-layer models)
 */
public record ModelFacts(String model, String task, int parameters, boolean diagonalHessian) {

    /** No model known: specs that depend on the model ({@code default}) cannot be resolved. */
    public static final ModelFacts NONE = new ModelFacts("", "", 0, false);

    public boolean known() {
        return !model.isEmpty();
    }

    public boolean regression() {
        return "regression".equals(task);
    }
}
