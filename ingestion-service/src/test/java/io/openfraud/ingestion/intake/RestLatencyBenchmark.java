package io.openfraud.ingestion.intake;

import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

/**
 * REST latency of {@code POST /api/v1/transactions} under an open-loop load: requests are sent on a fixed schedule,
 * whatever the answers do, and each latency is measured from the request's <em>intended</em> send time (so a stall
 * counts against every request it delays: no coordinated omission). JWT checks on, PostgreSQL with
 * {@code synchronous_commit=on} (the default), the outbox and Kafka live. A warm-up at each rate first. Runs only with
 * {@code -Pbench}: {@code ./mvnw -o -B -pl ingestion-service verify -Pbench -Dtest=RestLatencyBenchmark}; rates by
 * {@code -Dopenfraud.bench.rates=250,500,1000}, durations by {@code -Dopenfraud.bench.seconds=30} and
 * {@code -Dopenfraud.bench.warmup-seconds=10}. Prints one line per rate; results in docs/benchmarks.md.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class RestLatencyBenchmark {

    private static final String PAN = "4111111111111111";
    private static final String TX = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,"currency":"EUR",\
            "customer":{"id":"bench-%d"},"counterparty":{"id":"merchant-%d"},\
            "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";

    @TestHTTPResource("/api/v1/transactions")
    URI endpoint;

    @Test
    void openLoopLatency() throws Exception {
        String[] rates = System.getProperty("openfraud.bench.rates", "250,500,1000").split(",");
        int seconds = Integer.getInteger("openfraud.bench.seconds", 30);
        int warmup = Integer.getInteger("openfraud.bench.warmup-seconds", 10);
        String token = Tokens.bearer("service");
        ExecutorService senders = Executors.newFixedThreadPool(64);
        HttpClient http = HttpClient.newBuilder().executor(senders).connectTimeout(Duration.ofSeconds(2)).build();
        System.out.println("[bench] rate/s  sent  errors  achieved/s  p50 ms  p90 ms  p99 ms  p99.9 ms  max ms");
        try {
            for (String rateText : rates) {
                int rate = Integer.parseInt(rateText.trim());
                run(http, token, rate, warmup, null);
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                long[] counts = run(http, token, rate, seconds, histogram);
                System.out.printf(Locale.ROOT, "[bench] %6d  %6d  %6d  %10.1f  %6.2f  %6.2f  %6.2f  %8.2f  %6.2f%n",
                        rate, counts[0], counts[1], counts[0] / (double) seconds, ms(histogram, 50),
                        ms(histogram, 90), ms(histogram, 99), ms(histogram, 99.9),
                        histogram.getMaxValue() / 1e6);
                org.assertj.core.api.Assertions.assertThat(counts[1]).as("failed requests at %d/s", rate).isZero();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** Sends {@code rate} requests a second for {@code seconds}; returns {sent, errors}. */
    private long[] run(HttpClient http, String token, int rate, int seconds, Histogram into) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        CompletableFuture<?>[] pending = new CompletableFuture<?>[(int) total];
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the schedule of an open-loop generator, not synchronisation
            }
            String body = TX.formatted("bench-" + UUID.randomUUID(), i % 5000, i % 700, PAN);
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            pending[(int) i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        recorder.recordValue(Math.max(0, System.nanoTime() - intended));
                        if (failure != null || response.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(pending).exceptionally(e -> null).get(2, TimeUnit.MINUTES);
        if (into != null) {
            into.add(recorder.getIntervalHistogram());
        }
        return new long[] {total, errors.get()};
    }
}
