package io.openfraud.fraudctl.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for ingestion-service's {@code POST /api/v1/authorizations} on a free port, for the command's own
 * behaviour: the score is the amount / 1000 (capped at 1), a negative amount is refused with problem+json naming the
 * field, and the answer to {@code holdId} is held until {@code releaseAfterId} has been answered, so answers arrive out
 * of file order. The real path is tested in ingestion-service and by PlatformEndToEndIT.
 */
public final class FakeAuthorizationApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final String holdId;
    private final String releaseAfterId;
    private volatile String authorization;
    private volatile boolean labelSeen;

    public FakeAuthorizationApi(String holdId, String releaseAfterId) throws IOException {
        this.holdId = holdId;
        this.releaseAfterId = releaseAfterId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/authorizations", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Transaction ids in the order their answers were sent. */
    public List<String> answered() {
        return answered;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public String authorization() {
        return authorization;
    }

    /** Whether any request carried a label field. */
    public boolean labelSeen() {
        return labelSeen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            labelSeen |= body.has("label") || body.has("isFraud");
            String id = body.path("transactionId").asText();
            if (id.equals(holdId)) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            BigDecimal amount = body.path("amount").decimalValue();
            if (amount.signum() < 0) {
                respond(exchange, 400, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"The transaction is not valid.\",\"errors\":[{\"field\":\"amount\","
                        + "\"reason\":\"must be positive\",\"rule\":\"DQ-AMOUNT-POSITIVE\"}]}");
            } else {
                double score = Math.min(1.0, amount.doubleValue() / 1000);
                String decision = score >= 0.9 ? "DECLINE" : score >= 0.5 ? "REVIEW" : "APPROVE";
                respond(exchange, 200, String.format(Locale.ROOT, "{\"transactionId\":\"%s\",\"duplicate\":false,"
                        + "\"verdict\":{\"score\":%s,\"decision\":\"%s\",\"reasons\":[],\"modelVersion\":\"3\","
                        + "\"featureSetVersion\":\"features-v1\",\"scorer\":\"MODEL\",\"degraded\":[]}}", id, score,
                        decision));
            }
            answered.add(id);
            if (id.equals(releaseAfterId)) {
                release.countDown();
            }
        } finally {
            inFlight.decrementAndGet();
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
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
