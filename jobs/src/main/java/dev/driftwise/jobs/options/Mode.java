package dev.driftwise.jobs.options;

/** How samples map to learners. */
public enum Mode {
    /** One learner per stream id (the Kafka key / {@code Sample.streamId}). */
    PER_STREAM("per-stream"),
    /** One learner for every stream: for users whose streams come from one distribution. */
    GLOBAL("global");

    /** Learner key (and output-topic key) used in global mode. */
    public static final String GLOBAL_KEY = "global";

    private final String flagValue;

    Mode(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    static Mode parse(String value) {
        for (Mode m : values()) {
            if (m.flagValue.equals(value)) {
                return m;
            }
        }
        throw new OptionException("mode", value, "allowed: per-stream, global");
    }
}
