package dev.driftwise.learner.model;

/** The model families a {@link ModelSpec} can name. The first three are one dense layer. */
public enum ModelKind {
    LINEAR("linear", Task.REGRESSION),
    LOGISTIC("logistic", Task.BINARY),
    SOFTMAX("softmax", Task.MULTICLASS),
    /** Hidden dense layers with an activation, then a dense output layer for any task. */
    MLP("mlp", null);

    private final String id;
    private final Task fixedTask;

    ModelKind(String id, Task fixedTask) {
        this.id = id;
        this.fixedTask = fixedTask;
    }

    public String id() {
        return id;
    }

    /** The task this kind always has, or null for an MLP (which takes any task). */
    public Task fixedTask() {
        return fixedTask;
    }

    static ModelKind fromId(String field, String value) {
        for (ModelKind k : values()) {
            if (k.id.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("model spec field '" + field + "': unknown model \"" + value
                + "\"; use linear, logistic, softmax or mlp");
    }
}
