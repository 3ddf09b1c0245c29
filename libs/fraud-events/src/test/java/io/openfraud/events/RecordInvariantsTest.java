package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records refuse what their schemas refuse, where a constructor can tell. */
class RecordInvariantsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");

    private static Verdict verdict(Decision decision) {
        return new Verdict(0.5, decision, null, "m-1", "fs-1", Scorer.MODEL, null);
    }

    @Test
    void scoreIsAProbability() {
        assertThatThrownBy(() -> new Verdict(1.01, Decision.DECLINE, null, "m", "f", Scorer.MODEL, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(Double.NaN, Decision.DECLINE, null, "m", "f", Scorer.MODEL, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(verdict(Decision.APPROVE).reasons()).isEmpty();
    }

    @Test
    void syncCarriesAVerdictAndAsyncNoneOnBothTransactionTopics() {
        var tx = EventArbitraries.maskedTransactions().sample();
        assertThatThrownBy(() -> new ValidatedTransaction(tx, ProcessingPath.SYNC, null, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidatedTransaction(tx, ProcessingPath.ASYNC, verdict(Decision.REVIEW), null,
                NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnrichedTransaction("tx", "cus_12345678", NOW, ProcessingPath.SYNC, null, "fs",
                Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnrichedTransaction("tx", "cus_12345678", NOW, ProcessingPath.ASYNC,
                verdict(Decision.APPROVE), "fs", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new EnrichedTransaction("tx", "cus_12345678", NOW, ProcessingPath.SYNC,
                verdict(Decision.APPROVE), "fs", Map.of("a", 1.0))).doesNotThrowAnyException();
    }

    @Test
    void anAlertIsNeverAnApprovalAndARejectionNamesAViolation() {
        assertThatThrownBy(() -> new FraudAlert("a", "tx", "cus_12345678", NOW, verdict(Decision.APPROVE), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RejectedTransaction("tx", NOW, null, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCardNeverPrintsItsNumber() {
        Transaction.Card card = new Transaction.Card("4111111111111111", "123", "12/27");
        assertThat(card.toString()).doesNotContain("411111111111").doesNotContain("123").contains("1111");
    }

    @Test
    void envelopesAreStampedForTheirTopic() {
        EventEnvelope<Transaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_RAW, "gateway",
                EventArbitraries.transactions().sample(), NOW);
        assertThat(envelope.type()).isEqualTo(Topics.TRANSACTIONS_RAW.eventType());
        assertThat(envelope.schemaVersion()).isEqualTo(Topics.TRANSACTIONS_RAW.schemaVersion());
        assertThat(java.util.UUID.fromString(envelope.eventId())).isNotNull();
        assertThatThrownBy(() -> new EventEnvelope<>("e", "t", 0, NOW, "p", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
