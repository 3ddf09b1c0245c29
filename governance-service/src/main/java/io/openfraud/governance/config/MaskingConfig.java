package io.openfraud.governance.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The masking keys ingestion-service uses (base64, at least 32 bytes), so governance resolves a subject to the same
 * pseudonyms and card tokens ({@code openfraud.masking.*}). Optional here so that the production profile's
 * KeyMaterialCheck names every missing key at once; resolving a subject refuses to work without them.
 */
@ConfigMapping(prefix = "openfraud.masking")
public interface MaskingConfig {

    /** Key of the card-number token HMAC ({@code tok_...}). */
    Optional<String> panKey();

    /** Key of the customer pseudonym HMAC ({@code cus_...}). */
    Optional<String> pseudonymKey();
}
