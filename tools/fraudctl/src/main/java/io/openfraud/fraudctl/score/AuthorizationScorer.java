package io.openfraud.fraudctl.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.formats.ParsedRow;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends the rows of a file through ingestion-service's synchronous path ({@code POST /api/v1/authorizations}) with at
 * most {@code concurrency} requests in flight, and hands every row's {@link Outcome} to the sink <b>in file order</b>
 * (a window of futures drained from its head). Labels are never sent: a parsed row's transaction carries none.
 * Nothing is dropped: a malformed row, a refused transaction (problem+json) or a failed call each give an outcome
 * with its reason. Only an unreachable service or a refused token stops the run ({@link Unavailable}).
 *
 * <p>{@link #scoreInEntityOrder} also keeps each entity's rows in order on the platform: rows go out in <i>waves</i>
 * that share no customer, card or counterparty (the entities whose state feature-service keeps), and a row whose
 * entity is already in the current wave waits until every answer of that wave has arrived and a {@link Barrier} has
 * passed (for {@code evaluate --online}: feature-service has folded the wave's transactions). So every row is scored
 * from its entities' state after all earlier rows of the file, as the offline point-in-time builder computes it, while
 * rows of different entities still run in parallel.
 */
public final class AuthorizationScorer {

    /** What became of one row. */
    public enum Kind {
        /** Scored: score and decision. */
        SCORED,
        /** The file's row could not be read as a transaction (never sent). */
        MALFORMED,
        /** The service refused the transaction (4xx problem+json). */
        REJECTED,
        /** The service failed (5xx, timeout, unreadable answer). */
        ERROR
    }

    /**
     * One row's outcome.
     *
     * @param rowNumber     the row in the file (1-based, as the readers count)
     * @param transactionId the transaction's id (empty for a malformed row)
     * @param kind          what happened
     * @param score         calibrated score, for SCORED
     * @param decision      APPROVE / REVIEW / DECLINE, for SCORED
     * @param scorer        MODEL or RULES, for SCORED
     * @param modelVersion  version that scored, for SCORED
     * @param duplicate     the id was known: the decision of record was returned
     * @param degraded      the service scored with something missing
     * @param reason        why it was not scored (a problem's title, detail and field errors; a malformed reason)
     */
    public record Outcome(long rowNumber, String transactionId, Kind kind, Double score, String decision,
            String scorer, String modelVersion, boolean duplicate, boolean degraded, String reason) {
    }

    /** The service cannot be reached, or refuses the token: the run stops. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Passed between two waves of {@link #scoreInEntityOrder}, once every answer of the earlier wave has arrived. */
    @FunctionalInterface
    public interface Barrier {

        /** No wait: rows of one entity never overlap in flight, but nothing waits for their effects. */
        Barrier NONE = accepted -> { };

        /**
         * @param accepted rows of the wave that the platform accepted and scored for the first time (SCORED, not a
         *                 duplicate): the transactions it stored and will fold
         */
        void await(int accepted) throws Unavailable, InterruptedException;
    }

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final URI authorizations;
    private final Supplier<String> token;
    private final int concurrency;
    private final HttpClient http;

    /**
     * @param ingestion   base URL of ingestion-service
     * @param token       a bearer token with the {@code service} role (asked for each request; cache it)
     * @param concurrency requests in flight at most
     */
    public AuthorizationScorer(URI ingestion, Supplier<String> token, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.authorizations = URI.create(ingestion.toString().replaceAll("/+$", "") + "/api/v1/authorizations");
        this.token = token;
        this.concurrency = concurrency;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Scores every row; {@code sink} receives each outcome in row order. */
    public void score(Iterator<ParsedRow> rows, Consumer<Outcome> sink) throws Unavailable, InterruptedException {
        Deque<CompletableFuture<Outcome>> window = new ArrayDeque<>();
        try {
            while (rows.hasNext()) {
                ParsedRow row = rows.next();
                if (row instanceof ParsedRow.Malformed m) {
                    window.add(CompletableFuture.completedFuture(new Outcome(m.rowNumber(), "", Kind.MALFORMED, null,
                            null, null, null, false, false, m.reason())));
                } else if (row instanceof ParsedRow.Parsed p) {
                    window.add(send(p));
                }
                drain(window, sink, false);
                while (inFlight(window) >= concurrency) {
                    awaitHead(window, sink);
                }
            }
            drain(window, sink, true);
        } finally {
            window.forEach(f -> f.cancel(true));
        }
    }

    /**
     * Scores every row as {@link #score} does, in waves of rows that share no entity (customer, card, counterparty),
     * with {@code barrier} between two waves; returns the number of waves.
     */
    public long scoreInEntityOrder(Iterator<ParsedRow> rows, Consumer<Outcome> sink, Barrier barrier)
            throws Unavailable, InterruptedException {
        Deque<CompletableFuture<Outcome>> window = new ArrayDeque<>();
        Set<String> wave = new HashSet<>();
        int[] accepted = {0};
        Consumer<Outcome> counting = o -> {
            if (o.kind() == Kind.SCORED && !o.duplicate()) {
                accepted[0]++;
            }
            sink.accept(o);
        };
        long waves = 0;
        try {
            while (rows.hasNext()) {
                ParsedRow row = rows.next();
                if (row instanceof ParsedRow.Malformed m) {
                    window.add(CompletableFuture.completedFuture(new Outcome(m.rowNumber(), "", Kind.MALFORMED, null,
                            null, null, null, false, false, m.reason())));
                } else if (row instanceof ParsedRow.Parsed p) {
                    List<String> keys = entities(p.transaction());
                    if (waves == 0) {
                        waves = 1;
                    } else if (keys.stream().anyMatch(wave::contains)) {
                        drain(window, counting, true);
                        barrier.await(accepted[0]);
                        accepted[0] = 0;
                        wave.clear();
                        waves++;
                    }
                    wave.addAll(keys);
                    window.add(send(p));
                }
                drain(window, counting, false);
                while (inFlight(window) >= concurrency) {
                    awaitHead(window, counting);
                }
            }
            drain(window, counting, true);
            return waves;
        } finally {
            window.forEach(f -> f.cancel(true));
        }
    }

    /** The entities whose state feature-service keeps and a transaction changes (as {@code EntityStates} keys them). */
    static List<String> entities(Transaction t) {
        List<String> keys = new ArrayList<>(3);
        if (t.customer() != null && t.customer().id() != null) {
            keys.add("customer:" + t.customer().id());
        }
        if (t.counterparty() != null && t.counterparty().id() != null) {
            keys.add("counterparty:" + t.counterparty().id());
        }
        if (t.card() != null && t.card().pan() != null) {
            keys.add("card:" + t.card().pan().replaceAll("[ -]", ""));
        }
        return keys;
    }

    private static long inFlight(Deque<CompletableFuture<Outcome>> window) {
        return window.stream().filter(f -> !f.isDone()).count();
    }

    private static void awaitHead(Deque<CompletableFuture<Outcome>> window, Consumer<Outcome> sink)
            throws Unavailable, InterruptedException {
        // wait for any in-flight request (not only the head), so a slow head does not stop the window moving
        CompletableFuture.anyOf(window.stream().filter(f -> !f.isDone()).toArray(CompletableFuture[]::new))
                .exceptionally(e -> null).join();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        drain(window, sink, false);
    }

    /** Hands over the completed outcomes at the head of the window; with {@code all}, waits for every one. */
    private static void drain(Deque<CompletableFuture<Outcome>> window, Consumer<Outcome> sink, boolean all)
            throws Unavailable {
        while (!window.isEmpty() && (all || window.peekFirst().isDone())) {
            try {
                sink.accept(window.pollFirst().join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof UnavailableCause u) {
                    throw new Unavailable(u.getMessage());
                }
                throw e;
            }
        }
    }

    /** Carries {@link Unavailable} through a future. */
    private static final class UnavailableCause extends RuntimeException {
        UnavailableCause(String message) {
            super(message, null, false, false);
        }
    }

    private CompletableFuture<Outcome> send(ParsedRow.Parsed row) {
        String id = row.transaction().transactionId();
        String body;
        try {
            body = JSON.writeValueAsString(row.transaction());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Outcome(row.rowNumber(), id, Kind.MALFORMED, null, null,
                    null, null, false, false, "row: cannot be written as JSON"));
        }
        HttpRequest request = HttpRequest.newBuilder(authorizations).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> outcome(row.rowNumber(), id, response, failure));
    }

    private Outcome outcome(long rowNumber, String id, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                throw new UnavailableCause("cannot reach ingestion-service at " + authorizations
                        + " (is the platform up? ./fraudctl up): " + cause.getClass().getSimpleName());
            }
            return new Outcome(rowNumber, id, Kind.ERROR, null, null, null, null, false, false,
                    "request failed: " + cause.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new UnavailableCause("ingestion-service refused the token (" + status + "): is this fraudctl's "
                    + "installation the one the platform trusts?");
        }
        if (status == 200) {
            try {
                JsonNode answer = JSON.readTree(response.body());
                JsonNode verdict = answer.path("verdict");
                return new Outcome(rowNumber, answer.path("transactionId").asText(id), Kind.SCORED,
                        verdict.path("score").asDouble(), verdict.path("decision").asText(),
                        verdict.path("scorer").asText(null), verdict.path("modelVersion").asText(null),
                        answer.path("duplicate").asBoolean(), !verdict.path("degraded").isEmpty(), null);
            } catch (IOException e) {
                return new Outcome(rowNumber, id, Kind.ERROR, null, null, null, null, false, false,
                        "200 with an unreadable answer");
            }
        }
        return new Outcome(rowNumber, id, status < 500 ? Kind.REJECTED : Kind.ERROR, null, null, null, null, false,
                false, status + " " + problem(response.body()));
    }

    /** A problem's title, detail and field errors in one line. */
    public static String problem(String body) {
        try {
            JsonNode p = JSON.readTree(body);
            StringBuilder text = new StringBuilder(p.path("title").asText(""));
            if (p.hasNonNull("detail")) {
                text.append(": ").append(p.get("detail").asText());
            }
            for (JsonNode error : p.path("errors")) {
                text.append("; ").append(error.path("field").asText("")).append(' ')
                        .append(error.path("reason").asText(""));
                if (error.hasNonNull("rule")) {
                    text.append(" (").append(error.get("rule").asText()).append(')');
                }
            }
            return text.toString().strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
