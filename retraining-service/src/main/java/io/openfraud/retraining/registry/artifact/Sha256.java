package io.openfraud.retraining.registry.artifact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of artifact bytes, as lowercase hex (the registry's form) or base64 (HTTP digest headers). */
public final class Sha256 {

    private Sha256() {
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** Base64 of the digest whose hex form is {@code hex}. */
    public static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /**
     * Checks {@code bytes} against {@code expected}.
     *
     * @throws ArtifactIntegrityException if they differ
     */
    public static void verify(byte[] bytes, String expected, String what) {
        String actual = hex(bytes);
        if (!actual.equals(expected)) {
            throw new ArtifactIntegrityException(what + ": sha256 is " + actual + ", expected " + expected);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
