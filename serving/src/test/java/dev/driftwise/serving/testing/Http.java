package dev.driftwise.serving.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client against the scoring service: requests as strings, answers as status + parsed JSON. */
public final class Http {

    /** One answer: the status, the body parsed as JSON, and the raw body for messages. */
    public record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** {@code base} like {@code http://127.0.0.1:8090/}. */
    public Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"rows": [[...], ...]}} with each float in its shortest exact text. */
    public static String rows(float[][] rows) {
        StringBuilder s = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < rows.length; i++) {
            s.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < rows[i].length; j++) {
                s.append(j == 0 ? "" : ", ").append(rows[i][j]);
            }
            s.append(']');
        }
        return s.append("]}").toString();
    }
}
