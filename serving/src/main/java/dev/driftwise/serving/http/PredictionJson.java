package dev.driftwise.serving.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.driftwise.learner.model.ModelSpec;
import dev.driftwise.learner.model.Task;
import java.io.IOException;

/**
 * One prediction per row, in the user's terms. Regression: {@code {"value": ŷ}}. Binary:
 * {@code {"value": P(y=1), "class": 0|1, "probabilities": [P(0), P(1)]}}. Multiclass:
 * {@code {"class": c, "probabilities": [P(0), ..., P(k-1)]}}. The class is the most probable one
 * (binary: 1 when P(y=1) ≥ 0.5; ties go to the lower index), so it always agrees with the
 * probabilities beside it. Doubles are written in their shortest exact text, so a client reads back
 * the very bits the model computed.
 */
final class PredictionJson {

    private PredictionJson() {
    }

    /** Writes {@code "predictions": [...]} for {@code rows} rows of {@code spec.outputs()} values each. */
    static void write(JsonGenerator g, ModelSpec spec, double[] out, int rows) throws IOException {
        int k = spec.outputs();
        g.writeArrayFieldStart("predictions");
        for (int i = 0; i < rows; i++) {
            int at = i * k;
            g.writeStartObject();
            if (spec.task() == Task.REGRESSION) {
                g.writeNumberField("value", out[at]);
            } else if (spec.task() == Task.BINARY) {
                double p = out[at];
                g.writeNumberField("value", p);
                g.writeNumberField("class", p >= 0.5 ? 1 : 0);
                g.writeArrayFieldStart("probabilities");
                g.writeNumber(1 - p);
                g.writeNumber(p);
                g.writeEndArray();
            } else {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (out[at + c] > out[at + best]) {
                        best = c;
                    }
                }
                g.writeNumberField("class", best);
                g.writeArrayFieldStart("probabilities");
                for (int c = 0; c < k; c++) {
                    g.writeNumber(out[at + c]);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
