package dev.driftwise.jobs.options;

/** A flag the job cannot run with; the message names the flag, the value given and what is allowed. */
public final class OptionException extends IllegalArgumentException {

    public OptionException(String flag, String value, String allowed) {
        super("--" + flag + " " + (value == null ? "(missing value)" : "'" + value + "'") + ": " + allowed);
    }

    public OptionException(String message) {
        super(message);
    }
}
