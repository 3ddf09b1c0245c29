package io.openfraud.fraudctl.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * ingestion-service's import API: uploads a file as a stream, gzip-compressed on the wire (a file that already is gzip
 * is sent as it is), and reads its job.
 */
public final class ImportClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI ingestion;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ImportClient(URI ingestion, Supplier<String> token) {
        this.ingestion = ingestion;
        this.token = token;
    }

    /** The API refused the upload or a request failed: {@code status} 0 when the service could not be reached. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Uploads {@code file}; {@code progress} receives the bytes of the file read so far. Returns the job (202 body).
     */
    public JsonNode upload(String format, Path file, LongConsumer progress) throws InterruptedException {
        return upload(format, file.getFileName().toString(), () -> gzipped(file, progress));
    }

    /**
     * Uploads a body that {@code gzippedBody} produces, already gzip-compressed (for example rows generated as they
     * are sent). Returns the job (202 body).
     */
    public JsonNode upload(String format, String fileName, java.util.function.Supplier<InputStream> gzippedBody)
            throws InterruptedException {
        URI uri = ingestion.resolve("/api/v1/imports?format=" + encode(format) + "&fileName=" + encode(fileName));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofHours(6))
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(gzippedBody)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 202) {
            throw new ApiException(response.statusCode(), "the upload was refused: " + response.statusCode() + " "
                    + detail(response.body()));
        }
        return parse(response.body());
    }

    /** The job's current state. */
    public JsonNode job(long id) throws InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ingestion.resolve("/api/v1/imports/" + id))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token.get()).GET().build());
        if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode(), "GET /api/v1/imports/" + id + " answered "
                    + response.statusCode() + " " + detail(response.body()));
        }
        return parse(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach " + ingestion + " (is the platform up?): "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * The file as gzip, compressed by a thread as the HTTP client reads it, so nothing is held in memory; a file that
     * starts with the gzip magic number is streamed as it is.
     */
    static InputStream gzipped(Path file, LongConsumer progress) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            boolean alreadyGzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            PipedInputStream pipe = new PipedInputStream(1 << 16);
            PipedOutputStream sink = new PipedOutputStream(pipe);
            Thread compressor = new Thread(() -> {
                try (InputStream source = in;
                        OutputStream out = alreadyGzip ? sink : new GZIPOutputStream(sink, 1 << 16)) {
                    byte[] buffer = new byte[1 << 16];
                    long read = 0;
                    for (int n; (n = source.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        read += n;
                        progress.accept(read);
                    }
                } catch (IOException e) {
                    // The reader went away (refused upload) or the file failed: the request fails with it.
                }
            }, "fraudctl-gzip");
            compressor.setDaemon(true);
            compressor.start();
            return pipe;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(0, "ingestion-service answered something that is not JSON");
        }
    }

    /** The problem's title and detail, if the body is one. */
    private static String detail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String text = problem.path("title").asText("") + ": " + problem.path("detail").asText("");
            return problem.has("errors") ? text + " " + problem.get("errors") : text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
