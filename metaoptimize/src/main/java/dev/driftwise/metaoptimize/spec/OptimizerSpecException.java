package dev.driftwise.metaoptimize.spec;

/** An optimizer spec that does not parse or resolve; the message names the part, the value and the fix. */
public final class OptimizerSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OptimizerSpecException(String spec, String problem) {
        super("optimizer spec '" + spec + "': " + problem);
    }
}
