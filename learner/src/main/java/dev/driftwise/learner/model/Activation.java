package dev.driftwise.learner.model;

/** Hidden-layer non-linearity of an MLP. */
public enum Activation {
    RELU("relu"),
    TANH("tanh");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Activation fromId(String field, String value) {
        for (Activation a : values()) {
            if (a.id.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("model spec field '" + field + "': unknown activation \"" + value
                + "\"; use relu or tanh");
    }
}
