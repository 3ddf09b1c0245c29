package io.openfraud.retraining.training.djl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.MaskedTransaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads ingestion-service's retraining export ({@code GET /api/v1/exports/transactions?from=&to=}, NDJSON of
 * masked-transaction-v1 in event-time order) line by line, so memory stays flat for any window.
 *
 * <p>The export already leaves out what may not be used for training: transactions of subjects under a restriction
 * or an objection ({@code subject_processing_limits}) and transactions kept only for the AML retention after an
 * erasure ({@code legal_basis} set); see ingestion-service's {@code TransactionExport}. It is a plain JDK client
 * rather than a MicroProfile REST client because the body is streamed for minutes and must not be buffered, and a
 * retry in the middle of a stream would duplicate rows: a failed export fails the run, which the caller may start
 * again.
 */
final class IngestionExport {

    static final String PATH = "/api/v1/exports/transactions";
    private static final ObjectMapper JSON = EventJson.newMapper();

    private final URI base;
    private final Optional<String> token;
    private final Duration readTimeout;
    private final HttpClient http;

    IngestionExport(URI base, Optional<String> token, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.token = token;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * Hands every exported transaction of {@code [from, to)} to {@code sink}, in the export's order.
     *
     * @return transactions read
     */
    long read(Instant from, Instant to, Consumer<MaskedTransaction> sink) throws IOException, InterruptedException {
        String bearer = token.filter(t -> !t.isBlank()).orElseThrow(() -> new IllegalStateException(
                "no token for ingestion-service's export: set openfraud.trainer.export.token (a service token)"));
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + PATH + "?from="
                + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Accept", "application/x-ndjson").header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("ingestion-service's export answered " + response.statusCode() + " for "
                        + from + ".." + to);
            }
            long n = 0;
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    sink.accept(JSON.readValue(line, MaskedTransaction.class));
                    n++;
                }
            }
            return n;
        }
    }
}
