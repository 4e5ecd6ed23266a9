package dev.driftwise.learner.model;

import dev.driftwise.learner.loss.Loss;

/** What the model predicts, which fixes its output size and its loss. */
public enum Task {
    /** A real value; squared error ½(y − ŷ)². */
    REGRESSION("regression", Loss.SQUARED_ERROR),
    /** Class 0 or 1 from one logit; logistic loss. */
    BINARY("binary", Loss.LOGISTIC),
    /** One of {@code classes} from one logit each; softmax cross-entropy. */
    MULTICLASS("multiclass", Loss.CROSS_ENTROPY);

    private final String id;
    private final Loss loss;

    Task(String id, Loss loss) {
        this.id = id;
        this.loss = loss;
    }

    public String id() {
        return id;
    }

    public Loss loss() {
        return loss;
    }

    public boolean isClassification() {
        return this != REGRESSION;
    }

    static Task fromId(String field, String value) {
        for (Task t : values()) {
            if (t.id.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("model spec field '" + field + "': unknown task \"" + value
                + "\"; use regression, binary or multiclass");
    }
}
