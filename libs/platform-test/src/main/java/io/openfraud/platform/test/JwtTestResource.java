package io.openfraud.platform.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Bearer-token keys for a {@code @QuarkusTest}: an RSA key pair generated once per test JVM (never a key from the
 * source tree), returned inline as {@code mp.jwt.verify.publickey} for the service and {@code smallrye.jwt.sign.key}
 * for {@link Tokens}. Inline on purpose: {@code *.location} settings lose to a key pair Quarkus generates in memory.
 * The pair lives in system properties so every class loader of the JVM sees the same one.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PUBLIC_PROPERTY = "openfraud.test.jwt.public";
    static final String PRIVATE_PROPERTY = "openfraud.test.jwt.private";

    @Override
    public Map<String, String> start() {
        ensureKeys();
        return Map.of(
                "mp.jwt.verify.publickey", System.getProperty(PUBLIC_PROPERTY),
                "smallrye.jwt.sign.key", pem("PRIVATE KEY", System.getProperty(PRIVATE_PROPERTY)),
                "mp.jwt.verify.issuer", Tokens.ISSUER);
    }

    @Override
    public void stop() {
        // keys live as long as the JVM
    }

    static synchronized void ensureKeys() {
        if (System.getProperty(PUBLIC_PROPERTY) != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            System.setProperty(PRIVATE_PROPERTY, base64.encodeToString(pair.getPrivate().getEncoded()));
            System.setProperty(PUBLIC_PROPERTY, base64.encodeToString(pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static String pem(String type, String base64) {
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----";
    }
}
