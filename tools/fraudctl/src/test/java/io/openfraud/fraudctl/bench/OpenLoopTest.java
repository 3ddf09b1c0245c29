package io.openfraud.fraudctl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int holdRequest = -1;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = served.getAndIncrement();
            if (n == holdRequest) {
                try {
                    // the server stalls on this request until the test releases it: one stuck request, as a GC
                    // pause or a lock would make one
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = exchange.getRequestURI().getPath().contains("bad") ? 500 : 200;
            byte[] body = "{\"scorer\":\"RULES\",\"decision\":\"APPROVE\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // one thread: a stuck request holds up every later one, the situation coordinated omission hides
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private OpenLoop.Result run(String path, int rate, Duration duration) {
        OpenLoop load = new OpenLoop(HttpClient.newHttpClient(), Duration.ofSeconds(10));
        return load.run(rate, duration, i -> HttpRequest.newBuilder(uri(path)).GET().build(),
                AuthorizeBenchCommand::ok, AuthorizeBenchCommand::outcome);
    }

    @Test
    void sendsRateTimesDurationRequestsAndLabelsTheAnswers() {
        OpenLoop.Result result = run("/ok", 200, Duration.ofMillis(500));

        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(100);
        assertThat(result.outcomes()).containsEntry("RULES APPROVE", 100L);
        assertThat(served).hasValue(100);
    }

    @Test
    void countsFailedAnswersAsErrors() {
        OpenLoop.Result result = run("/bad", 100, Duration.ofMillis(300));

        assertThat(result.errors()).isEqualTo(result.sent());
        assertThat(result.outcomes()).containsOnlyKeys("HTTP 500");
    }

    @Test
    void aStallCountsForEveryRequestItDelays() throws InterruptedException {
        holdRequest = 10;
        Thread releaser = new Thread(() -> {
            // released once the generator has sent well past the stuck request (requests keep being sent on time)
            while (served.get() <= holdRequest) {
                Thread.onSpinWait();
            }
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            release.countDown();
        });
        releaser.start();
        OpenLoop.Result result = run("/ok", 100, Duration.ofSeconds(1));
        releaser.join();

        // A closed-loop client would report one slow request; the open loop reports every request queued behind
        // the stall as late by the time it waited from its due time (about 30 of them at 100/s over 300 ms).
        long slow = result.latency().getCountBetweenValues(100_000, Long.MAX_VALUE / 4);
        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(slow).isGreaterThanOrEqualTo(10);
        assertThat(result.maxMillis()).isGreaterThanOrEqualTo(290);
    }
}
