package io.openfraud.fraudctl.demo;

import io.openfraud.events.EventJson;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.formats.synthetic.SyntheticTransactions.Labelled;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Sends seeded synthetic transactions through both paths of a running platform (the asynchronous intake and the
 * synchronous authorisation), a few deliberately malformed ones among them, then waits for the asynchronous ones to
 * be scored and reports counts and latencies.
 */
public final class DemoRun {

    /** One bad record in this many is sent malformed, to show rejection. */
    private static final int MALFORMED_EVERY = 50;

    private final URI ingestion;
    private final String serviceToken;
    private final String analystToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public DemoRun(URI ingestion, String serviceToken, String analystToken) {
        this.ingestion = ingestion;
        this.serviceToken = serviceToken;
        this.analystToken = analystToken;
    }

    /** A demo against {@code ingestion} with service and analyst tokens signed by this installation's key. */
    public static DemoRun withInstallKeys(java.nio.file.Path keysDirectory, URI ingestion) {
        io.openfraud.fraudctl.keys.InstallKeys keys = io.openfraud.fraudctl.keys.InstallKeys.ensure(keysDirectory);
        io.openfraud.fraudctl.token.TokenIssuer issuer = new io.openfraud.fraudctl.token.TokenIssuer(
                keys.loadJwtPrivateKey(), java.time.Clock.systemUTC());
        return new DemoRun(ingestion,
                issuer.issue("fraudctl-demo", java.util.Set.of(io.openfraud.fraudctl.token.Role.SERVICE),
                        Duration.ofHours(1)),
                issuer.issue("fraudctl-demo", java.util.Set.of(io.openfraud.fraudctl.token.Role.ANALYST),
                        Duration.ofHours(1)));
    }

    /** What the demo saw. */
    public record Report(int sent, int accepted, int rejected, int scored, long[] syncMicros, long[] asyncMicros) {

        /** The p-th percentile (0-100) of sorted microsecond latencies, in milliseconds. */
        static double percentileMillis(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "sent %d, accepted %d, rejected %d, scored %d%n", sent, accepted, rejected,
                    scored);
            out.printf(Locale.ROOT, "sync  (POST /api/v1/authorizations, decision in the answer): %d, p50 %.1f ms, "
                    + "p99 %.1f ms%n", syncMicros.length, percentileMillis(syncMicros, 50),
                    percentileMillis(syncMicros, 99));
            out.printf(Locale.ROOT, "async (POST /api/v1/transactions, accepted):                 %d, p50 %.1f ms, "
                    + "p99 %.1f ms%n", asyncMicros.length, percentileMillis(asyncMicros, 50),
                    percentileMillis(asyncMicros, 99));
            out.flush();
        }
    }

    public Report run(int count, long seed, Duration scoringWait) throws InterruptedException {
        List<Labelled> rows = SyntheticTransactions.generate(SyntheticTransactions.Options.defaults(seed), count);
        List<Long> sync = new ArrayList<>();
        List<Long> async = new ArrayList<>();
        List<String> awaitingScore = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        int scored = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("demo").setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            for (int i = 0; i < rows.size(); i++) {
                String json = EventJson.newMapper().valueToTree(rows.get(i).transaction()).toString();
                boolean malformed = i % MALFORMED_EVERY == MALFORMED_EVERY - 1;
                if (malformed) {
                    json = json.replaceFirst("\"amount\":[0-9.]+", "\"amount\":-1");
                }
                boolean syncPath = i % 2 == 0;
                long start = System.nanoTime();
                HttpResponse<String> response = post(syncPath ? "/api/v1/authorizations" : "/api/v1/transactions",
                        json);
                long micros = (System.nanoTime() - start) / 1000;
                int status = response.statusCode();
                if (status == 200 || status == 202) {
                    accepted++;
                    if (syncPath) {
                        sync.add(micros);
                        scored++;
                    } else {
                        async.add(micros);
                        awaitingScore.add(rows.get(i).transaction().transactionId());
                    }
                } else if (status == 400) {
                    rejected++;
                } else {
                    throw new IllegalStateException("ingestion answered " + status + ": " + response.body());
                }
                bar.step();
            }
        }
        scored += awaitScores(awaitingScore, scoringWait);
        return new Report(count, accepted, rejected, scored, sorted(sync), sorted(async));
    }

    private int awaitScores(List<String> ids, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        int scored = 0;
        for (String id : ids) {
            while (true) {
                HttpResponse<String> response = get("/api/v1/transactions/" + id);
                if (response.statusCode() == 200 && !response.body().contains("\"decision\":null")) {
                    scored++;
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    return scored;
                }
                // Polling a remote system for an outcome: the only wait this command has.
                Thread.sleep(100);
            }
        }
        return scored;
    }

    private HttpResponse<String> post(String path, String json) throws InterruptedException {
        return send(HttpRequest.newBuilder(ingestion.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + serviceToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(ingestion.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + analystToken).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + " (is the platform up?)", e);
        }
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
