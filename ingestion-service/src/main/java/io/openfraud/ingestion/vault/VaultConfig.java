package io.openfraud.ingestion.vault;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
