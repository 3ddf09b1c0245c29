package io.openfraud.fraudctl.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FirstChampion} against a small stub of retraining-service's REST API (the real service is exercised by
 * retraining-service's own tests and the end-to-end test).
 */
class FirstChampionTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private HttpServer retraining;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile String models = "[]";
    private volatile int startStatus = 202;

    @BeforeEach
    void start() throws IOException {
        retraining = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        retraining.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/api/v1/models" -> answer(exchange, 200, models);
                case "/api/v1/training-runs" -> answer(exchange, startStatus, "{\"id\":7,\"status\":\"QUEUED\"}");
                case "/api/v1/training-runs/7" -> answer(exchange, 200, polls.incrementAndGet() < 3
                        ? "{\"id\":7,\"status\":\"RUNNING\",\"progress\":{\"fraction\":0.5,\"phase\":\"epoch "
                                + polls.get() + "/30\"}}"
                        : "{\"id\":7,\"status\":\"SUCCEEDED\",\"modelVersion\":\"1\",\"gate\":{\"decision\":"
                                + "\"CHAMPION\"},\"report\":{\"metrics\":{\"prAuc\":0.93}}}");
                case "/api/v1/models/aliases/champion" -> answer(exchange, 200, "{\"version\":\"1\"}");
                default -> answer(exchange, 404, "{}");
            }
        });
        retraining.start();
    }

    @AfterEach
    void stop() {
        retraining.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private FirstChampion.Outcome ensure(StringWriter printed) throws Exception {
        return new FirstChampion(URI.create("http://127.0.0.1:" + retraining.getAddress().getPort()), "tok",
                Clock.fixed(NOW, ZoneOffset.UTC)).ensure(Duration.ofSeconds(30), new PrintWriter(printed));
    }

    @Test
    void anEmptyRegistryGetsASyntheticRunAndWaitsForItsChampion() throws Exception {
        StringWriter printed = new StringWriter();
        assertThat(ensure(printed)).isEqualTo(FirstChampion.Outcome.TRAINED);
        assertThat(requests).anySatisfy(r -> assertThat(r).startsWith("POST /api/v1/training-runs Bearer tok ")
                .contains("\"synthetic\":true", "\"windowEnd\":\"" + NOW + "\"",
                        "\"windowStart\":\"" + NOW.minus(Duration.ofDays(30)) + "\""));
        assertThat(polls.get()).isEqualTo(3);
        assertThat(printed.toString()).contains("training the first champion on synthetic data (run 7)",
                "epoch 1/30", "Registered version 1 as CHAMPION (synthetic), PR-AUC 0.9300");
    }

    @Test
    void aRegistryWithVersionsIsLeftAlone() throws Exception {
        models = "[{\"version\":\"3\"}]";
        assertThat(ensure(new StringWriter())).isEqualTo(FirstChampion.Outcome.ALREADY_REGISTERED);
        assertThat(requests).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void aRunInProgressIsWaitedFor() throws Exception {
        startStatus = 409;
        StringWriter printed = new StringWriter();
        assertThat(ensure(printed)).isEqualTo(FirstChampion.Outcome.TRAINED);
        assertThat(printed.toString()).contains("a training run is in progress");
        assertThat(requests).anyMatch(r -> r.startsWith("GET /api/v1/models/aliases/champion"));
    }
}
