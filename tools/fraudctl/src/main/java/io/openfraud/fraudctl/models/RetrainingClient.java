package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** retraining-service's label count and training-run API, as {@code fraudctl train} uses them. */
public final class RetrainingClient {

    /** A call failed: {@code status} 0 when the service could not be reached. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI retraining;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param retraining base URL of retraining-service
     * @param token      a bearer token with the {@code admin} role (starting a run needs admin or service)
     */
    public RetrainingClient(URI retraining, Supplier<String> token) {
        this.retraining = URI.create(retraining.toString().replaceAll("/+$", ""));
        this.token = token;
    }

    public URI base() {
        return retraining;
    }

    /** {@code GET /api/v1/models}: the registry (also a check that the service is up). */
    public JsonNode models() throws InterruptedException {
        return expect(send(get("/api/v1/models")), 200);
    }

    /** Labels of {@code source} received at or after {@code since}. */
    public long labelCount(String source, Instant since) throws InterruptedException {
        return expect(send(get("/api/v1/labels/count?source=" + encode(source) + "&receivedSince="
                + encode(since.toString()))), 200).path("count").asLong();
    }

    /** Starts a training run over {@code [start, end)}; a run in progress is a 409 {@link ApiException}. */
    public JsonNode startRun(Instant start, Instant end) throws InterruptedException {
        String body = JSON.createObjectNode().put("windowStart", start.toString()).put("windowEnd", end.toString())
                .toString();
        return expect(send(HttpRequest.newBuilder(uri("/api/v1/training-runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))), 202);
    }

    /** A training run. */
    public JsonNode run(long id) throws InterruptedException {
        return expect(send(get("/api/v1/training-runs/" + id)), 200);
    }

    /** A model version of the registry. */
    public JsonNode model(String version) throws InterruptedException {
        return expect(send(get("/api/v1/models/" + encode(version))), 200);
    }

    /** A version's artifact bytes (the caller verifies them against the version's sha256). */
    public byte[] artifact(String version) throws InterruptedException {
        HttpRequest built = get("/api/v1/models/" + encode(version) + "/artifact")
                .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new ApiException(response.statusCode(), "GET " + built.uri().getPath() + " answered "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach retraining-service at " + retraining + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Promotes a version to champion (manual promotion, audited). */
    public JsonNode promote(String version, String reason) throws InterruptedException {
        String body = JSON.createObjectNode().put("reason", reason).toString();
        return expect(send(HttpRequest.newBuilder(uri("/api/v1/models/" + encode(version) + "/promote"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))), 200);
    }

    /** The training run's HTML report page. */
    public URI reportPage(long id) {
        return uri("/api/v1/training-runs/" + id + "/report.html");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private URI uri(String path) {
        return URI.create(retraining + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = request.header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach retraining-service at " + retraining + " (is the platform up? "
                    + "./fraudctl up): " + e.getClass().getSimpleName());
        }
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new ApiException(response.statusCode(), response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + " "
                    + io.openfraud.fraudctl.score.AuthorizationScorer.problem(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(0, "retraining-service answered something that is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
