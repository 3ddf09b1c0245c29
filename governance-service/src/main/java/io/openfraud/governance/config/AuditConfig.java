package io.openfraud.governance.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The audit trail ({@code openfraud.audit.*}). */
@ConfigMapping(prefix = "openfraud.audit")
public interface AuditConfig {

    /**
     * Base64 HMAC-SHA256 key of the audit MAC chain (at least 32 bytes); held outside MongoDB (a secret). Optional
     * here so that the production profile's KeyMaterialCheck names every missing key at once; the trail refuses to work
     * without it.
     */
    Optional<String> hmacKey();

    /**
     * File holding the signed head of the chain (sequence and MAC of the newest entry), outside MongoDB: lets the
     * verification detect deleted newest entries and a replaced collection after a restart. One file per replica, on
     * storage MongoDB's writers cannot reach. Without it only the highest sequence this process wrote is checked.
     */
    Optional<String> anchorFile();

    /** How often the scheduled verification walks the whole chain (feeds openfraud_audit_chain_valid). */
    @WithDefault("5m")
    Duration verifyEvery();
}
