package io.openfraud.ingestion;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Fresh random keys for the test run (masking keys and the vault's master key): no key ever lives in the source tree.
 * One resource for all of them, so every test class of the module keeps the same resource set (one Quarkus profile).
 */
public class MaskingKeysTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // k1 / m1 are in force; k0 / m0 are keys "retired by a rotation", so tests can write data the way it was
        // written before the rotation (KeyRotationTest)
        return Map.of("openfraud.masking.pan-key", randomKey(), "openfraud.masking.pseudonym-key", randomKey(),
                "openfraud.vault.master-key", randomKey(),
                "openfraud.masking.retired-keys.k0.pseudonym-key", randomKey(),
                "openfraud.vault.retired-master-keys.m0", randomKey());
    }

    @Override
    public void stop() {
        // nothing to release
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
