package io.openfraud.fraudctl.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate} whatever the answers to earlier
 * ones do, and its latency is measured from that due time, not from when it could be sent. A stall therefore counts
 * for every request it delays (no coordinated omission), as in wrk2 or Gil Tene's HdrHistogram examples.
 */
public final class OpenLoop {

    /** What one rate measured. Latencies in microseconds. */
    public record Result(int rate, Duration duration, long sent, long errors, Map<String, Long> outcomes,
            Histogram latency, double achievedPerSecond) {

        public double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN
                    : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public OpenLoop(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Sends {@code rate} requests a second for {@code duration}; {@code request} gives the i-th request of this run,
     * {@code ok} tells a good answer, {@code outcome} labels answers for the report (for example the scorer).
     */
    public Result run(int rate, Duration duration, IntFunction<HttpRequest> request,
            Predicate<HttpResponse<String>> ok, java.util.function.Function<HttpResponse<String>, String> outcome) {
        long count = Math.max(1, rate * duration.toMillis() / 1000);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>((int) Math.min(count, 1_000_000));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest next = request.apply(i);
            inFlight.add(http.sendAsync(next, HttpResponse.BodyHandlers.ofString()).orTimeout(
                    timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
                        long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                        String label;
                        if (failure != null) {
                            errors.increment();
                            label = "error: " + rootCause(failure).getClass().getSimpleName();
                        } else if (!ok.test(response)) {
                            errors.increment();
                            label = "HTTP " + response.statusCode();
                        } else {
                            label = outcome.apply(response);
                        }
                        outcomes.computeIfAbsent(label, k -> new LongAdder()).increment();
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        long elapsed = System.nanoTime() - start;
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        return new Result(rate, duration, count, errors.sum(), counted, latency,
                count * 1e9 / Math.max(elapsed, 1));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
