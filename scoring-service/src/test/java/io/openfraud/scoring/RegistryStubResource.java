package io.openfraud.scoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stub of the two peers' REST APIs scoring calls (a peer API, not a store or a broker): retraining-service's
 * {@code GET /api/v1/models/aliases/champion} and {@code GET /api/v1/models/{version}/artifact}, and feature-service's
 * {@code POST /api/v1/features/vector}. Tests drive it over HTTP ({@code PUT /stub/...}), since the test and this
 * resource may live in different class loaders. Until told otherwise it has no champion (404) and no vectors (503),
 * which is what the rules-fallback tests expect.
 */
public class RegistryStubResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern TRANSACTION_ID = Pattern.compile("\"transactionId\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> vectors = new ConcurrentHashMap<>();
    private volatile byte[] champion;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            // Headers and body leave in two writes: without TCP_NODELAY, Nagle holds the body until the client's
            // delayed ACK (40 ms), which made every stubbed feature call take 40 ms in ScoringBench.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.model-registry.url", url,
                "quarkus.rest-client.feature-service.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("PUT") && path.equals("/stub/champion")) {
                champion = body.length == 0 ? null : body;
                send(exchange, 204, null, null);
            } else if (method.equals("PUT") && path.startsWith("/stub/artifacts/")) {
                artifacts.put(path.substring("/stub/artifacts/".length()), body);
                send(exchange, 204, null, null);
            } else if (method.equals("PUT") && path.startsWith("/stub/vectors/")) {
                vectors.put(path.substring("/stub/vectors/".length()), body);
                send(exchange, 204, null, null);
            } else if (method.equals("GET") && path.equals("/api/v1/models/aliases/champion")) {
                byte[] current = champion;
                send(exchange, current == null ? 404 : 200, "application/json", current);
            } else if (method.equals("GET") && path.startsWith("/api/v1/models/") && path.endsWith("/artifact")) {
                String version = path.substring("/api/v1/models/".length(), path.length() - "/artifact".length());
                byte[] bytes = artifacts.get(version);
                send(exchange, bytes == null ? 404 : 200, "application/octet-stream", bytes);
            } else if (method.equals("POST") && path.equals("/api/v1/features/vector")) {
                Matcher m = TRANSACTION_ID.matcher(new String(body, StandardCharsets.UTF_8));
                byte[] vector = m.find() ? vectors.get(m.group(1)) : null;
                send(exchange, vector == null ? 503 : 200, "application/json", vector);
            } else {
                send(exchange, 404, null, null);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null && body != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
