package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the two REST surfaces {@code evaluate --online} scores through, on a free port: ingestion-service's
 * {@code POST /api/v1/authorizations} (score = amount / 1000, version "7", scorer MODEL) and feature-service's
 * {@code /q/metrics} ({@code features_folded_total}). As on the platform, a stored transaction is folded into its
 * entities' state <b>after</b> its answer ({@code foldDelayMillis} later). The fake records every request that arrived
 * before an earlier row of one of its entities had been folded: what the online check must prevent. The real path is
 * tested in the services and by PlatformEndToEndIT.
 */
final class FakeOnlinePlatform implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row of the file as the fake knows it: its id and the entities its fold changes. */
    record Row(String id, Set<String> entities) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final ScheduledExecutorService folder = Executors.newSingleThreadScheduledExecutor();
    private final List<Row> file;
    private final long foldDelayMillis;
    private final Set<String> folded = ConcurrentHashMap.newKeySet();
    private final Set<String> arrived = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<String> serverErrors = new HashSet<>();
    private final Set<String> rules = new HashSet<>();
    private final Set<String> duplicates = new HashSet<>();
    private final Set<String> neverFolded = new HashSet<>();
    private volatile boolean refuseToken;
    private volatile String holdId;
    private volatile String untilArrivedId;
    private final CountDownLatch arrival = new CountDownLatch(1);

    FakeOnlinePlatform(List<Row> file, long foldDelayMillis) throws IOException {
        this.file = List.copyOf(file);
        this.foldDelayMillis = foldDelayMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/authorizations", this::authorize);
        server.createContext("/q/metrics", this::metrics);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeOnlinePlatform failing(String id) {
        serverErrors.add(id);
        return this;
    }

    FakeOnlinePlatform scoredByRules(String id) {
        rules.add(id);
        return this;
    }

    FakeOnlinePlatform duplicate(String id) {
        duplicates.add(id);
        return this;
    }

    FakeOnlinePlatform neverFolding(String id) {
        neverFolded.add(id);
        return this;
    }

    FakeOnlinePlatform refusingTheToken() {
        refuseToken = true;
        return this;
    }

    /** The answer to {@code id} waits until {@code otherId} has arrived (at most 10 s): they must overlap. */
    FakeOnlinePlatform holding(String id, String otherId) {
        holdId = id;
        untilArrivedId = otherId;
        return this;
    }

    /** Requests that arrived before an earlier row of one of their entities was folded. */
    List<String> violations() {
        return violations;
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            if (refuseToken) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String id = body.path("transactionId").asText();
            checkOrder(id);
            arrived.add(id);
            if (id.equals(untilArrivedId)) {
                arrival.countDown();
            }
            if (id.equals(holdId)) {
                try {
                    arrival.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (serverErrors.contains(id)) {
                respond(exchange, 500, "{\"title\":\"Internal Server Error\",\"status\":500}");
                return;
            }
            double score = Math.min(1.0, body.path("amount").asDouble() / 1000);
            boolean duplicate = duplicates.contains(id);
            respond(exchange, 200, String.format(Locale.ROOT, "{\"transactionId\":\"%s\",\"duplicate\":%s,"
                    + "\"verdict\":{\"score\":%s,\"decision\":\"APPROVE\",\"reasons\":[],\"modelVersion\":\"%s\","
                    + "\"featureSetVersion\":\"features-v1\",\"scorer\":\"%s\",\"degraded\":[]}}", id, duplicate,
                    score, rules.contains(id) ? "rules-1" : "7", rules.contains(id) ? "RULES" : "MODEL"));
            if (!duplicate && !neverFolded.contains(id)) {
                folder.schedule(() -> folded.add(id), foldDelayMillis, TimeUnit.MILLISECONDS);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Every earlier row sharing an entity with {@code id} that the platform stored must be folded by now. */
    private void checkOrder(String id) {
        Row row = file.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        for (Row earlier : file.subList(0, file.indexOf(row))) {
            boolean stored = !serverErrors.contains(earlier.id()) && !duplicates.contains(earlier.id())
                    && !neverFolded.contains(earlier.id());
            if (stored && earlier.entities().stream().anyMatch(row.entities()::contains)
                    && !folded.contains(earlier.id())) {
                violations.add(id + " sent before " + earlier.id() + " was folded");
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, "# TYPE features_folded_total counter\nfeatures_folded_total " + folded.size()
                    + ".0\nfeatures_duplicates_total 0.0\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        arrival.countDown();
        server.stop(0);
        threads.shutdownNow();
        folder.shutdownNow();
    }
}
