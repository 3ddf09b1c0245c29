package io.openfraud.ingestion.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Keys retired by a rotation, by key id ({@code openfraud.masking.retired-keys.<id>.pseudonym-key}): no longer
     * used for new data, kept so that a subject whose rows were written under them is still found by their client
     * identifier (the pseudonym is computed under every key). Remove a retired key once no row carries its id.
     */
    Map<String, RetiredKey> retiredKeys();

    /** A retired masking key pair. */
    interface RetiredKey {

        /** Base64 HMAC key of the pseudonyms made under this key id. */
        String pseudonymKey();

        /** Base64 HMAC key of the card tokens made under this key id (only documents it: tokens are not looked up). */
        Optional<String> panKey();
    }
}
