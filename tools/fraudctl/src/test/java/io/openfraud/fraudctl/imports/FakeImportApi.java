package io.openfraud.fraudctl.imports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for ingestion-service's import API on a free port, for the command's own behaviour (arguments, exit
 * codes, what it prints): answers the upload with {@code uploadStatus} and then each GET with the next of
 * {@code jobs} (the last repeats). The real API is tested in ingestion-service's ImportTest.
 */
public final class FakeImportApi implements AutoCloseable {

    private final HttpServer server;
    private final Deque<String> jobs = new ArrayDeque<>();
    private volatile int uploadStatus = 202;
    private volatile String uploadBody = "{\"id\":7,\"status\":\"QUEUED\"}";
    private volatile String received;
    private volatile String contentEncoding;
    private volatile String authorization;

    public FakeImportApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/imports", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeImportApi refuseUpload(int status, String problem) {
        uploadStatus = status;
        uploadBody = problem;
        return this;
    }

    public FakeImportApi thenJobs(String... states) {
        jobs.addAll(java.util.List.of(states));
        return this;
    }

    /** The uploaded file, decompressed. */
    public String received() {
        return received;
    }

    public String contentEncoding() {
        return contentEncoding;
    }

    public String authorization() {
        return authorization;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if ("POST".equals(exchange.getRequestMethod())) {
                contentEncoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                byte[] body = exchange.getRequestBody().readAllBytes();
                received = "gzip".equals(contentEncoding) ? gunzip(body) : new String(body, StandardCharsets.UTF_8);
                respond(exchange, uploadStatus, uploadBody);
            } else {
                String job = jobs.size() > 1 ? jobs.poll() : jobs.peek();
                respond(exchange, job == null ? 404 : 200, job == null ? "{}" : job);
            }
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

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
