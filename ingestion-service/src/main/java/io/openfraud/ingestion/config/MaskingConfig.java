package io.openfraud.ingestion.config;

import io.smallrye.config.ConfigMapping;

/**
 * Keys of tokenisation and pseudonymisation. No defaults: they come from a secret in production, from
 * {@code $FRAUDCTL_HOME/keys} locally and from the test resources in tests, and the service does not start without
 * them.
 */
@ConfigMapping(prefix = "openfraud.masking")
public interface MaskingConfig {

    /** Base64 HMAC key (at least 32 bytes) for card tokens. */
    String panKey();

    /** Base64 HMAC key (at least 32 bytes) for customer and counterparty pseudonyms. */
    String pseudonymKey();

    /**
     * The id of the key pair above, recorded with every stored row so that keys can rotate: rows masked under an
     * older key are known and can be re-keyed or expired.
     */
    @io.smallrye.config.WithDefault("k1")
    String keyId();
}
