package io.openfraud.governance.dsr.client;

import io.openfraud.events.subject.SubjectDataApi;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.governance.config.DsrConfig;
import io.openfraud.web.security.Roles;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Calls the other services' subject-data interfaces with a short-lived {@code service} token signed by governance:
 * every call has a time-out and retries (a report is a read, safe to repeat). Override with the MicroProfile Fault
 * Tolerance keys {@code io.openfraud.governance.dsr.client.SubjectDataClient/report/Timeout/value} and so on.
 */
@ApplicationScoped
public class SubjectDataClient {

    private final Map<String, SubjectDataHttp> peers = new TreeMap<>();

    SubjectDataClient(DsrConfig config) {
        // Keys are service names, with or without the "-service" suffix (environment variables such as
        // OPENFRAUD_DSR_PEERS_INGESTION_URL can only name keys without dashes).
        config.peers().forEach((key, peer) -> peers.put(key.endsWith("-service") ? key : key + "-service",
                QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(peer.url()))
                .connectTimeout(1, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS)
                .build(SubjectDataHttp.class)));
    }

    /** The services with a configured subject-data interface, by name. */
    public List<String> services() {
        return List.copyOf(peers.keySet());
    }

    /** What {@code service} holds about {@code pseudonym}. */
    @Timeout(value = 3, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    public SubjectDataReport report(String service, String pseudonym) {
        return peer(service).report(serviceToken(), pseudonym);
    }

    /** The pseudonyms whose e-mail address is {@code email}, from {@code service}'s blind index. */
    @Timeout(value = 3, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    public List<String> searchByEmail(String service, String email) {
        return pseudonyms(peer(service).search(serviceToken(), new SubjectDataHttp.SubjectQuery(email, null)));
    }

    /** The customer pseudonyms of the transactions {@code service} holds paid with the card {@code cardToken}. */
    @Timeout(value = 3, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    public List<String> searchByCardToken(String service, String cardToken) {
        return pseudonyms(peer(service).search(serviceToken(), new SubjectDataHttp.SubjectQuery(null, cardToken)));
    }

    private static List<String> pseudonyms(SubjectDataHttp.Subjects found) {
        return found == null || found.subjectPseudonyms() == null ? List.of() : found.subjectPseudonyms();
    }

    private SubjectDataHttp peer(String service) {
        SubjectDataHttp peer = peers.get(service);
        if (peer == null) {
            throw new IllegalStateException("no subject-data interface configured for " + service);
        }
        return peer;
    }

    /** A one-minute token with the {@code service} role, signed with smallrye.jwt.sign.key (a secret). */
    private static String serviceToken() {
        return "Bearer " + Jwt.issuer(Roles.ISSUER).subject("governance-service").upn("governance-service")
                .groups(Set.of(SubjectDataApi.ROLE)).expiresIn(60).sign();
    }
}
