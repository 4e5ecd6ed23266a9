package dev.driftwise.serving.http;

/**
 * A request the service answers with an error: the HTTP status, a stable code a client can branch on,
 * the request field at fault (JSON-path style, e.g. {@code rows[2][0]}; null when no field is) and a
 * message that names the value and the fix.
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, with its HTTP status. */
    enum Code {
        MALFORMED_JSON(400),
        MISSING_FIELD(400),
        WRONG_TYPE(400),
        NON_FINITE(400),
        WRONG_FEATURE_COUNT(400),
        TOO_LARGE(413),
        UNKNOWN_STREAM(404),
        NOT_FOUND(404),
        METHOD_NOT_ALLOWED(405),
        NO_FRESH_MODEL(503),
        LOADING(503);

        final int status;

        Code(int status) {
            this.status = status;
        }
    }

    private final Code code;
    private final String field;

    ApiError(Code code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    Code code() {
        return code;
    }

    int status() {
        return code.status;
    }

    String field() {
        return field;
    }
}
