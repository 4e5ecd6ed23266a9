package dev.driftwise.streams.scenario;

/**
 * A scenario file that cannot be used, with where and why: the file, the JSON path of the field,
 * the value found and what is allowed, e.g.
 * {@code my.json: $.streams[0].params.noise = 1.5: expected a number in [0, 1]}.
 */
public final class ScenarioException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;

    public ScenarioException(String source, String path, Object value, String allowed) {
        super(source + ": " + path + (value == null ? "" : " = " + value) + ": " + allowed);
        this.source = source;
        this.path = path;
    }

    public ScenarioException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.path = "$";
    }

    /** The file (or built-in name) the scenario came from. */
    public String source() {
        return source;
    }

    /** JSON path of the offending field, e.g. {@code $.streams[1].drift[0].width}. */
    public String path() {
        return path;
    }
}
