package io.openfraud.ingestion.subject.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What an erasure keeps, why and for how long, and how often the purge runs. */
@ConfigMapping(prefix = "openfraud.retention")
public interface RetentionConfig {

    /** The legal basis recorded on transactions kept after an erasure (free text, named in the erasure report). */
    @WithDefault("AML Directive (EU) 2015/849 Art. 40: 5 years")
    String legalBasis();

    /** Years a kept transaction stays after its event time; the purge deletes it afterwards. */
    @WithDefault("5")
    int years();

    /** How often the purge deletes transactions past their {@code delete_after} (first run at start-up). */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Rows deleted per purge statement (one transaction each, so a large purge never holds long locks). */
    @WithDefault("1000")
    int purgeBatchSize();
}
