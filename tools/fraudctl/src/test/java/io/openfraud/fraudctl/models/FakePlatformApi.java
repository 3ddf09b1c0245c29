package io.openfraud.fraudctl.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for what {@code fraudctl train} calls, on one free port: ingestion's import API (the job completes with
 * two labels published), retraining's label count (1, then 2), and a training run (RUNNING, then SUCCEEDED with a
 * report shaped like retraining-service's). The real APIs are tested in their services.
 */
public final class FakePlatformApi implements AutoCloseable {

    static final String REPORT = "{\"id\":12,\"status\":\"SUCCEEDED\",\"windowStart\":\"2025-01-01T00:00:00Z\","
            + "\"windowEnd\":\"2025-01-01T01:00:00.001Z\",\"modelVersion\":\"3\",\"progress\":{\"fraction\":1.0,"
            + "\"phase\":\"done\"},\"gate\":{\"decision\":\"CHALLENGER\",\"reason\":\"worse than champion 2\"},"
            + "\"report\":{\"exportedTransactions\":2,\"rowCount\":2,\"labelCount\":2,\"fraudLabelCount\":1,"
            + "\"featureSetVersion\":\"features-v1\",\"epochs\":5,\"bestEpoch\":3,"
            + "\"model\":{\"prAuc\":0.9321,\"rocAuc\":0.99,\"recallAt1PctFpr\":0.8,\"precisionAtK\":0.7,\"k\":100,"
            + "\"brier\":0.01,\"confusion\":{\"threshold\":0.6,\"truePositives\":8,\"falsePositives\":2,"
            + "\"trueNegatives\":980,\"falseNegatives\":2}},"
            + "\"rules\":{\"prAuc\":0.1234,\"rocAuc\":0.7,\"recallAt1PctFpr\":0.1,\"precisionAtK\":0.1,\"k\":100,"
            + "\"brier\":0.2,\"confusion\":{\"threshold\":0.5,\"truePositives\":1,\"falsePositives\":9,"
            + "\"trueNegatives\":973,\"falseNegatives\":9}},"
            + "\"trainWindow\":{\"from\":1735689600.000000000,\"to\":\"2025-01-01T00:30:00Z\",\"rows\":6,"
            + "\"frauds\":1},\"testWindow\":{\"start\":\"2025-01-01T00:50:00Z\",\"end\":\"2025-01-01T01:00:00Z\"},"
            + "\"metrics\":{\"prAuc\":0.9321,\"recallAtTargetFpr\":0.8},\"championVersion\":\"2\","
            + "\"championMetrics\":{\"prAuc\":0.95,\"recallAtTargetFpr\":0.85}}}";

    private final HttpServer server;
    private final AtomicInteger labelCounts = new AtomicInteger();
    private final AtomicInteger runGets = new AtomicInteger();
    private volatile String runRequest;
    private volatile String runAuthorization;

    public FakePlatformApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/imports", ex -> {
            ex.getRequestBody().readAllBytes();
            if ("POST".equals(ex.getRequestMethod())) {
                respond(ex, 202, "{\"id\":7,\"status\":\"QUEUED\"}");
            } else {
                respond(ex, 200, "{\"id\":7,\"status\":\"COMPLETED\",\"rowsRead\":2,\"accepted\":2,"
                        + "\"labelsPublished\":2,\"rowsPerSecond\":10}");
            }
        });
        server.createContext("/api/v1/models", ex -> respond(ex, 200, "[]"));
        server.createContext("/api/v1/labels/count", ex -> respond(ex, 200,
                "{\"source\":\"IMPORT\",\"count\":" + Math.min(2, labelCounts.incrementAndGet()) + "}"));
        server.createContext("/api/v1/training-runs", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                runRequest = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                runAuthorization = ex.getRequestHeaders().getFirst("Authorization");
                respond(ex, 202, "{\"id\":12,\"status\":\"QUEUED\"}");
            } else if (runGets.incrementAndGet() < 2) {
                respond(ex, 200, "{\"id\":12,\"status\":\"RUNNING\",\"progress\":{\"fraction\":0.5,"
                        + "\"phase\":\"epoch 2/5\"}}");
            } else {
                respond(ex, 200, REPORT);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The body of the training-run request. */
    public String runRequest() {
        return runRequest;
    }

    public String runAuthorization() {
        return runAuthorization;
    }

    public int labelCountCalls() {
        return labelCounts.get();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
