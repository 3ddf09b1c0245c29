package io.openfraud.governance.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What governance-service needs beside Kafka, MongoDB and JWT keys: fresh random audit and masking keys (no key in
 * the source tree; exposed to tests as system properties) and stand-ins for the other services' subject-data
 * interfaces (a JDK HTTP server: peers are other processes, not stores or brokers). The ingestion stand-in answers
 * every pseudonym with data about that pseudonym only, and resolves two known e-mail addresses and two card tokens; the feature stand-in
 * fails the first call for each pseudonym with 503 (governance must retry) and answers the second.
 */
public class GovernanceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIT_KEY = "openfraud.test.audit-key";
    public static final String PAN_KEY = "openfraud.test.pan-key";
    public static final String PSEUDONYM_KEY = "openfraud.test.pseudonym-key";
    /** The address the ingestion stand-in resolves to {@link #EMAIL_SUBJECT}. */
    public static final String KNOWN_EMAIL = "alice@example.org";
    public static final String EMAIL_SUBJECT = "cus_emailsubject000000000001";
    /** An address shared by two subjects. */
    public static final String SHARED_EMAIL = "family@example.org";
    /** The card number the ingestion stand-in resolves (by its token) to {@link #CARD_SUBJECT}. */
    public static final String KNOWN_PAN = "4111111111111111";
    public static final String CARD_SUBJECT = "cus_cardholder00000000000001";
    /** A card two customers paid with. */
    public static final String SHARED_PAN = "5555555555554444";
    /** A pseudonym for which the feature stand-in always fails. */
    public static final String UNREACHABLE_SUBJECT = "cus_featuredown00000000000001";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        for (String key : Set.of(AUDIT_KEY, PAN_KEY, PSEUDONYM_KEY)) {
            if (System.getProperty(key) == null) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                System.setProperty(key, Base64.getEncoder().encodeToString(bytes));
            }
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        server.createContext("/ingestion/internal/v1/subjects", exchange -> {
            if (!authorised(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/search")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String found = body.contains(KNOWN_EMAIL) ? "[\"" + EMAIL_SUBJECT + "\"]"
                        : body.contains(SubjectTokens.cardToken(KNOWN_PAN)) ? "[\"" + CARD_SUBJECT + "\"]"
                        : body.contains(SubjectTokens.cardToken(SHARED_PAN))
                                ? "[\"cus_sharedcard00000000000001\",\"cus_sharedcard00000000000002\"]"
                        : body.contains(KNOWN_PAN) || body.contains(SHARED_PAN) ? "[\"cus_panleaked\"]"
                        : body.contains(SHARED_EMAIL) ? "[\"cus_shared0000000000000001\",\"cus_shared0000000000000002\"]"
                        : "[]";
                send(exchange, 200, "{\"subjectPseudonyms\":" + found + "}");
                return;
            }
            String pseudonym = path.substring(path.lastIndexOf('/') + 1);
            send(exchange, 200, """
                    {"service":"ingestion-service","subjectPseudonym":"%1$s","generatedAt":"2026-01-01T00:00:00Z",
                     "records":[
                      {"store":"postgresql:ingestion.transactions","category":"transaction","purpose":"fraud prevention",
                       "legalBasis":"Art. 6(1)(c) AML","retention":"P5Y","source":"payment system","provided":true,
                       "data":[{"transactionId":"tx-of-%1$s","amount":42.5,"currency":"EUR"}]},
                      {"store":"postgresql:ingestion.decisions","category":"decision","purpose":"fraud prevention",
                       "legalBasis":"Art. 22(2)(b)","retention":"P5Y","source":"scoring-service","provided":false,
                       "data":[{"transactionId":"tx-of-%1$s","decision":"APPROVE"}]}]}
                    """.formatted(pseudonym));
        });
        server.createContext("/feature/internal/v1/subjects", exchange -> {
            if (!authorised(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String pseudonym = path.substring(path.lastIndexOf('/') + 1);
            if (pseudonym.equals(UNREACHABLE_SUBJECT) || calls.merge(pseudonym, 1, Integer::sum) == 1) {
                send(exchange, 503, "{\"title\":\"busy\"}");
                return;
            }
            send(exchange, 200, """
                    {"service":"feature-service","subjectPseudonym":"%1$s","generatedAt":"2026-01-01T00:00:00Z",
                     "records":[{"store":"redis:features","category":"features","purpose":"fraud prevention",
                       "legalBasis":"Art. 6(1)(f)","retention":"P90D","source":"derived","provided":false,
                       "data":[{"entity":"%1$s","txCount24h":3}]}]}
                    """.formatted(pseudonym));
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String anchor;
        try {
            // The audit anchor lives outside MongoDB, as in production (a file beside the key's mount).
            anchor = Files.createTempDirectory("governance-audit-anchor").resolve("audit-anchor").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("openfraud.audit.anchor-file", anchor,"openfraud.audit.hmac-key", System.getProperty(AUDIT_KEY),
                "openfraud.masking.pan-key", System.getProperty(PAN_KEY),
                "openfraud.masking.pseudonym-key", System.getProperty(PSEUDONYM_KEY),
                "openfraud.dsr.peers.ingestion-service.url", base + "/ingestion",
                "openfraud.dsr.peers.feature-service.url", base + "/feature");
    }

    private static boolean authorised(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ey")) {
            send(exchange, 401, "{\"title\":\"Unauthorized\"}");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
