package io.openfraud.governance.config;

import io.smallrye.config.ConfigMapping;

/**
 * The masking keys ingestion-service uses (base64, at least 32 bytes), so governance resolves a subject to the same
 * pseudonyms and card tokens ({@code openfraud.masking.*}).
 */
@ConfigMapping(prefix = "openfraud.masking")
public interface MaskingConfig {

    /** Key of the card-number token HMAC ({@code tok_...}). */
    String panKey();

    /** Key of the customer pseudonym HMAC ({@code cus_...}). */
    String pseudonymKey();
}
