package io.openfraud.ingestion.intake.persistence;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored masked transaction (table {@code transactions}) and, once made, its decision. */
@Entity
@Table(name = "transactions")
public class TransactionEntity {

    @Id
    @Column(name = "transaction_id")
    public String transactionId;
    @Column(name = "event_time", nullable = false)
    public Instant eventTime;
    @Column(nullable = false)
    public String type;
    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;
    @Column(nullable = false, columnDefinition = "bpchar")
    public String currency;
    @Column(name = "customer_pseudonym", nullable = false)
    public String customerPseudonym;
    @Column(name = "counterparty_pseudonym", nullable = false)
    public String counterpartyPseudonym;
    @Column(name = "customer_balance_before")
    public Long customerBalanceBefore;
    @Column(name = "customer_balance_after")
    public Long customerBalanceAfter;
    @Column(name = "counterparty_balance_before")
    public Long counterpartyBalanceBefore;
    @Column(name = "counterparty_balance_after")
    public Long counterpartyBalanceAfter;
    @Column(name = "card_token")
    public String cardToken;
    @Column(name = "card_bin")
    public String cardBin;
    @Column(name = "card_last4", columnDefinition = "bpchar")
    public String cardLast4;
    @Column(nullable = false)
    public String path;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
    public String decision;
    public Double score;
    public String scorer;
    @Column(name = "model_version")
    public String modelVersion;
    /** API, BATCH, FILE or KAFKA. */
    @Column(name = "source_kind", nullable = false)
    public String sourceKind = "API";
    /** The import job and row, the Kafka partition and offset, or the batch request. */
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "schema_version", nullable = false)
    public short schemaVersion = 1;
    @Column(name = "rule_set_version")
    public String ruleSetVersion;
    @Column(name = "key_id")
    public String keyId;
    /** Ids of the WARN data-quality rules it failed, comma-separated. */
    public String warnings;
    /** The minimised context, as published (JSON). */
    @Column(columnDefinition = "jsonb")
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public String context;

    public static TransactionEntity of(MaskedTransaction t, ProcessingPath path, Instant receivedAt) {
        TransactionEntity e = new TransactionEntity();
        e.transactionId = t.transactionId();
        e.eventTime = t.timestamp();
        e.type = t.type().name();
        e.amountMinor = t.amountMinor();
        e.currency = t.currency();
        e.customerPseudonym = t.customer().pseudonym();
        e.customerBalanceBefore = t.customer().balanceBeforeMinor();
        e.customerBalanceAfter = t.customer().balanceAfterMinor();
        e.counterpartyPseudonym = t.counterparty().pseudonym();
        e.counterpartyBalanceBefore = t.counterparty().balanceBeforeMinor();
        e.counterpartyBalanceAfter = t.counterparty().balanceAfterMinor();
        if (t.card() != null) {
            e.cardToken = t.card().token();
            e.cardBin = t.card().bin();
            e.cardLast4 = t.card().last4();
        }
        e.path = path.name();
        e.receivedAt = receivedAt;
        return e;
    }
}
