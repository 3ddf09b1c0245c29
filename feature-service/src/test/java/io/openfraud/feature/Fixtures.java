package io.openfraud.feature;

import static io.restassured.RestAssured.given;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.Tokens;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Transactions, publishing and calls shared by the service tests. */
final class Fixtures {

    static final EventCodec<ValidatedTransaction> VALIDATED = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
    static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    static final Duration WAIT = Duration.ofSeconds(30);

    private Fixtures() {
    }

    static String customer() {
        return randomId("cus_");
    }

    /**
     * A random id with no digits: reports refuse 13+ digits in a row (anything that could be a card number), and a
     * hex UUID has such a run in about 1 % of draws, which made the subject-data tests fail now and then.
     */
    static String randomId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            id.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return id.toString();
    }

    static MaskedTransaction transaction(String customer, String timestamp, long amountMinor) {
        return new MaskedTransaction("tx-" + UUID.randomUUID(), Instant.parse(timestamp), TransactionType.PAYMENT,
                amountMinor, "EUR", new MaskedParty(customer), new MaskedParty("cpt_merchant_0001"), null);
    }

    static MaskedTransaction withCard(String customer, String timestamp, long amountMinor, String cardToken) {
        return new MaskedTransaction("tx-" + UUID.randomUUID(), Instant.parse(timestamp), TransactionType.CARD,
                amountMinor, "EUR", new MaskedParty(customer), new MaskedParty("cpt_merchant_0002"),
                new MaskedCard(cardToken, "411111", "1111"));
    }

    static void publish(MaskedTransaction t) {
        publish(t, t.customer().pseudonym());
    }

    /** Publishes with an explicit record key (the key decides the partition, so the processing order). */
    static void publish(MaskedTransaction t, String key) {
        EventEnvelope<ValidatedTransaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED,
                Services.INGESTION, new ValidatedTransaction(t, ProcessingPath.ASYNC, null, List.of(), Instant.now()),
                Instant.now());
        Infra.kafka().produce(Topics.TRANSACTIONS_VALIDATED_NAME, key, VALIDATED.encode(envelope));
    }

    /** The bytes {@link #publish} sends for {@code t}, for tests that send many records at once. */
    static byte[] validatedRecord(MaskedTransaction t) {
        return VALIDATED.encode(EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED, Services.INGESTION,
                new ValidatedTransaction(t, ProcessingPath.ASYNC, null, List.of(), Instant.now()), Instant.now()));
    }

    static ValidatableResponse vector(MaskedTransaction t) {
        return given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(t)
                .post("/api/v1/features/vector").then();
    }

    static ValidatableResponse entity(String type, String token) {
        return given().header("Authorization", Tokens.bearer("service")).get("/api/v1/features/entities/{type}/{t}",
                type, token).then();
    }
}
