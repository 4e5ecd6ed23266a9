package dev.driftwise.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.driftwise.learner.input.MicroBatch;
import dev.driftwise.serving.http.ApiError.Code;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The body of a predict request, {@code {"rows": [[x11, x12, ...], [x21, ...], ...]}}, read token by
 * token straight into one float array (no tree, no object per value). Every problem is an
 * {@link ApiError} naming the field: malformed JSON (with line and column), a missing or misspelt
 * field, a value that is not a number, a non-finite value ({@code NaN}, {@code Infinity}, or a number
 * beyond float32), rows of different lengths, too many rows.
 */
final class FeatureRows {

    static final String USAGE = "the body is {\"rows\": [[feature, feature, ...], ...]}, one array of numbers per row";

    private float[] values = new float[64];
    private int filled; // values read so far, row after row
    private int rows;
    private int width = -1;

    private FeatureRows() {
    }

    /** Reads the whole body; {@code maxRows} bounds the batch. */
    static FeatureRows read(JsonFactory json, InputStream body, int maxRows) throws IOException, ApiError {
        FeatureRows r = new FeatureRows();
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ApiError(Code.WRONG_TYPE, null, "the body is not a JSON object; " + USAGE);
            }
            boolean sawRows = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!"rows".equals(name)) {
                    throw new ApiError(Code.WRONG_TYPE, name, "unknown field '" + name + "'; " + USAGE);
                }
                sawRows = true;
                r.readRows(p, maxRows);
            }
            if (p.nextToken() != null) {
                throw new ApiError(Code.MALFORMED_JSON, null, "content after the JSON object at " + location(p) + "; " + USAGE);
            }
            if (!sawRows) {
                throw new ApiError(Code.MISSING_FIELD, "rows", "field 'rows' is missing; " + USAGE);
            }
        } catch (JsonProcessingException e) {
            throw new ApiError(Code.MALFORMED_JSON, null, "malformed JSON: " + e.getOriginalMessage() + " at "
                    + location(e.getProcessor() instanceof JsonParser jp ? jp : null) + "; " + USAGE);
        }
        return r;
    }

    private void readRows(JsonParser p, int maxRows) throws IOException, ApiError {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ApiError(Code.WRONG_TYPE, "rows", "rows is " + describe(p) + ", not an array; " + USAGE);
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String row = "rows[" + rows + "]";
            if (rows == maxRows) {
                throw new ApiError(Code.TOO_LARGE, "rows", "more than " + maxRows + " rows in one request (the service's"
                        + " --max-rows); split the batch");
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new ApiError(Code.WRONG_TYPE, row, row + " is " + describe(p) + ", not an array of feature values");
            }
            int j = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonToken t = p.currentToken();
                String field = row + "[" + j + "]";
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new ApiError(Code.WRONG_TYPE, field, field + " is " + describe(p) + "; features are JSON numbers");
                }
                float x = p.getFloatValue(); // parsed as float32 directly, so a float's shortest text reads back bit for bit
                if (!Float.isFinite(x)) {
                    throw new ApiError(Code.NON_FINITE, field, field + " is " + p.getText() + ", which is not a finite float32;"
                            + " features must be finite numbers (impute or drop the value before sending)");
                }
                append(x);
                j++;
            }
            if (rows == 0) {
                if (j == 0) {
                    throw new ApiError(Code.WRONG_FEATURE_COUNT, row, row + " is empty; a row holds the model's features");
                }
                width = j;
            } else if (j != width) {
                throw new ApiError(Code.WRONG_FEATURE_COUNT, row, row + " has " + j + " features, rows[0] has " + width
                        + "; every row holds the same features");
            }
            rows++;
        }
        if (rows == 0) {
            throw new ApiError(Code.MISSING_FIELD, "rows", "rows is empty; send at least one row");
        }
    }

    private void append(float x) {
        if (filled == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[filled++] = x;
    }

    int rows() {
        return rows;
    }

    /** Features per row. */
    int width() {
        return width;
    }

    /** The rows as a batch of the model's size (targets unused by prediction). */
    MicroBatch toBatch(MicroBatch batch) {
        for (int i = 0; i < rows; i++) {
            batch.add(values, i * width, 0);
        }
        return batch;
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "missing (the body ended)";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> t.asString();
            default -> p.getText();
        };
    }

    private static String location(JsonParser p) {
        if (p == null) {
            return "an unknown position";
        }
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }
}
