package io.openfraud.governance.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Data-subject requests ({@code openfraud.dsr.*}). */
@ConfigMapping(prefix = "openfraud.dsr")
public interface DsrConfig {

    /** Services that must answer a gdpr.commands command before an erasure, restriction or objection completes. */
    @WithDefault("ingestion-service,feature-service,retraining-service,scoring-service")
    List<String> expectedServices();

    /** How long governance waits for the answers before the request goes to ERROR naming the missing ones. */
    @WithDefault("P2D")
    Duration answerTimeout();

    /** Open requests with this many days left or fewer count in openfraud_dsr_requests_near_deadline. */
    @WithDefault("7")
    int nearDeadlineDays();

    /** Validity of an identity-verification one-time code. */
    @WithDefault("30m")
    Duration codeValidity();

    /** How often deadlines and answer time-outs are checked. */
    @WithDefault("1m")
    Duration checkEvery();

    /**
     * Services with a subject-data interface (GET /internal/v1/subjects/{pseudonym}), by service name with or without
     * the {@code -service} suffix ({@code openfraud.dsr.peers.ingestion.url} = OPENFRAUD_DSR_PEERS_INGESTION_URL).
     */
    Map<String, Peer> peers();

    /**
     * Name of the peer whose subject-data interface resolves e-mail addresses (its blind index) and card tokens (the
     * customers who paid with the card) to customer pseudonyms.
     */
    @WithDefault("ingestion-service")
    String emailLookupService();

    /** One peer service's subject-data interface. */
    interface Peer {
        /** Base URL, for example http://ingestion-service:8081. */
        String url();
    }
}
