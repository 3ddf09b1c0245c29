package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The platform's first champion: when retraining-service's registry is empty, asks for a synthetic training run
 * ({@code POST /api/v1/training-runs} with {@code synthetic: true}) and waits until it has registered a champion.
 * A registry with any version is left alone; a run already in progress (409) is waited for.
 */
public final class FirstChampion {

    /** What happened. */
    public enum Outcome {
        /** The registry had versions: nothing was asked. */
        ALREADY_REGISTERED,
        /** A synthetic run trained and registered the champion. */
        TRAINED,
        /** The run failed, or no champion appeared in time. */
        FAILED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private final URI retraining;
    private final String adminToken;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param retraining base URL of retraining-service
     * @param adminToken a bearer token with the {@code admin} role
     */
    public FirstChampion(URI retraining, String adminToken, Clock clock) {
        this.retraining = retraining;
        this.adminToken = adminToken;
        this.clock = clock;
    }

    /** Makes sure a champion exists, printing what it does to {@code out}. */
    public Outcome ensure(Duration timeout, PrintWriter out) throws IOException, InterruptedException {
        HttpResponse<String> models = send(HttpRequest.newBuilder(uri("/api/v1/models")).GET());
        expect(models, 200);
        if (JSON.readTree(models.body()).size() > 0) {
            return Outcome.ALREADY_REGISTERED;
        }
        Instant end = clock.instant();
        String body = JSON.createObjectNode().put("windowStart", end.minus(Duration.ofDays(30)).toString())
                .put("windowEnd", end.toString()).put("synthetic", true).toString();
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/api/v1/training-runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        long deadline = System.nanoTime() + timeout.toNanos();
        if (started.statusCode() == 409) {
            out.println("The model registry is empty and a training run is in progress: waiting for a champion.");
            out.flush();
            return awaitChampion(deadline) ? Outcome.TRAINED : Outcome.FAILED;
        }
        expect(started, 202);
        long id = JSON.readTree(started.body()).path("id").asLong();
        out.printf("The model registry is empty: training the first champion on synthetic data (run %d).%n", id);
        out.flush();
        String lastPhase = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> got = send(HttpRequest.newBuilder(uri("/api/v1/training-runs/" + id)).GET());
            expect(got, 200);
            JsonNode run = JSON.readTree(got.body());
            String status = run.path("status").asText();
            String phase = run.path("progress").path("phase").asText(null);
            if (phase != null && !phase.equals(lastPhase)) {
                out.printf(Locale.ROOT, "  %3.0f%% %s%n", 100 * run.path("progress").path("fraction").asDouble(),
                        phase);
                out.flush();
                lastPhase = phase;
            }
            if ("SUCCEEDED".equals(status)) {
                out.printf(Locale.ROOT, "Registered version %s as %s (synthetic), PR-AUC %.4f on its test slice.%n",
                        run.path("modelVersion").asText(), run.path("gate").path("decision").asText(),
                        run.path("report").path("metrics").path("prAuc").asDouble(Double.NaN));
                out.flush();
                return Outcome.TRAINED;
            }
            if ("FAILED".equals(status)) {
                out.println("The first training run failed: " + run.path("error").asText());
                out.flush();
                return Outcome.FAILED;
            }
            Thread.sleep(POLL.toMillis()); // polling a remote run's status, not test synchronisation
        }
        out.println("No champion after " + timeout + "; the run goes on: fraudctl status, or GET "
                + uri("/api/v1/training-runs/" + id));
        out.flush();
        return Outcome.FAILED;
    }

    private boolean awaitChampion(long deadline) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            if (send(HttpRequest.newBuilder(uri("/api/v1/models/aliases/champion")).GET()).statusCode() == 200) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private URI uri(String path) {
        return URI.create(retraining.toString().replaceAll("/+$", "") + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + adminToken).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
