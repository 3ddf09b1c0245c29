package io.openfraud.ingestion.vault;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Keys of the personal-data vault. No default for the master key: it comes from a secret in production, from
 * {@code $FRAUDCTL_HOME/keys/encryption.key} locally and from the test resources in tests, and the service does not
 * start without it.
 */
@ConfigMapping(prefix = "openfraud.vault")
public interface VaultConfig {

    /**
     * Base64 master key (at least 32 bytes). The key-encryption key that wraps every subject's data key and the
     * e-mail blind-index key are derived from it (HKDF-SHA256); it is never stored.
     */
    String masterKey();

    /** Id of the master key, recorded with every wrapped data key so master keys can rotate. */
    @WithDefault("m1")
    String masterKeyId();

    /**
     * Master keys retired by a rotation, base64 by id ({@code openfraud.vault.retired-master-keys.<id>}): data keys
     * still wrapped under them are unwrapped with them and re-wrapped under the master key in force (by
     * {@link VaultRewrap}), and e-mail look-ups also try their blind index. Remove one once no live {@code subject_keys} row
     * names it (the re-wrap job logs and counts what it moves).
     */
    Map<String, String> retiredMasterKeys();

    /** How often data keys wrapped under a retired master key are re-wrapped (quarkus-scheduler; {@code off}). */
    @WithDefault("10m")
    String rewrapInterval();

    /** Data keys re-wrapped per database transaction. */
    @WithDefault("500")
    int rewrapBatchSize();
}
