package io.openfraud.ingestion.subject.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How long ingestion keeps what it stores, why, and how the purge runs. Every transaction is kept {@link #years()}
 * years from its event time (anti-money-laundering record keeping; all of them are AML-relevant payment records) and
 * then deleted with what was derived from it; an erasure keeps the same date but restricts the row to that purpose.
 */
@ConfigMapping(prefix = "openfraud.retention")
public interface RetentionConfig {

    /** The legal basis recorded on transactions kept after an erasure (free text, named in the erasure report). */
    @WithDefault("AML Directive (EU) 2015/849 Art. 40: 5 years")
    String legalBasis();

    /** Years every transaction stays after its event time ({@code delete_after}); the purge deletes it afterwards. */
    @WithDefault("5")
    int years();

    /** How long quarantined records and data-quality examples stay after they were received. */
    @WithDefault("P90D")
    Duration quarantinePeriod();

    /**
     * How often the purge runs: a duration such as {@code 1h} (first run shortly after start-up), or {@code off}. One
     * instance purges at a time (a PostgreSQL advisory lock); the others skip that round.
     */
    @WithDefault("1h")
    String purgeInterval();

    /** Rows deleted per purge transaction, so a large purge never holds long locks. */
    @WithDefault("1000")
    int purgeBatchSize();

    /** When a transaction of {@code eventTime} is deleted. */
    default Instant deleteAfter(Instant eventTime) {
        return eventTime.atOffset(ZoneOffset.UTC).plusYears(years()).toInstant();
    }
}
