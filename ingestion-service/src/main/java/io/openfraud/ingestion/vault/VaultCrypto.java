package io.openfraud.ingestion.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's cryptography, JDK only: AES-256-GCM with random 96-bit nonces and a 128-bit tag, for the subjects'
 * data keys (wrapped under a key-encryption key) and for their personal data (under their data key, with the subject
 * pseudonym as associated data, so a ciphertext moved to another subject's row does not decrypt); and a keyed
 * HMAC-SHA256 blind index of e-mail addresses. The key-encryption key and the index key are derived from the master
 * key with HKDF-SHA256 (RFC 5869) under distinct labels, so one secret serves both without reusing a key.
 */
public final class VaultCrypto {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_MASTER_BYTES = 32;
    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final byte[] KEK_LABEL = "openfraud vault key-encryption key v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEX_LABEL = "openfraud vault e-mail blind index v1".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec kek;
    private final SecretKeySpec indexKey;

    /** A sealed value: the random nonce and the ciphertext with its tag. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** Raised when a ciphertext or wrapped key does not open: tampered, wrong subject, or wrong key. */
    public static final class VaultCryptoException extends RuntimeException {
        VaultCryptoException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public VaultCrypto(byte[] masterKey) {
        if (masterKey == null || masterKey.length < MIN_MASTER_BYTES) {
            throw new IllegalArgumentException("the vault master key needs at least " + MIN_MASTER_BYTES + " bytes");
        }
        byte[] prk = hmac(new byte[32], masterKey);
        byte[] kekBytes = expand(prk, KEK_LABEL);
        byte[] indexBytes = expand(prk, INDEX_LABEL);
        this.kek = new SecretKeySpec(kekBytes, "AES");
        this.indexKey = new SecretKeySpec(indexBytes, HMAC);
        Arrays.fill(prk, (byte) 0);
        Arrays.fill(kekBytes, (byte) 0);
        Arrays.fill(indexBytes, (byte) 0);
    }

    /** A fresh random AES-256 data key. */
    public byte[] newDataKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** {@code nonce || AES-GCM(kek, dataKey)}, bound to the subject and the key id. */
    public byte[] wrap(byte[] dataKey, String pseudonym, String keyId) {
        Sealed sealed = seal(kek, dataKey, wrapAad(pseudonym, keyId));
        byte[] out = Arrays.copyOf(sealed.nonce(), NONCE_BYTES + sealed.ciphertext().length);
        System.arraycopy(sealed.ciphertext(), 0, out, NONCE_BYTES, sealed.ciphertext().length);
        return out;
    }

    /** The data key in {@code wrapped}; fails if it was wrapped for another subject or key id, or altered. */
    public byte[] unwrap(byte[] wrapped, String pseudonym, String keyId) {
        if (wrapped == null || wrapped.length <= NONCE_BYTES) {
            throw new VaultCryptoException("wrapped key too short", null);
        }
        return open(kek, new Sealed(Arrays.copyOf(wrapped, NONCE_BYTES),
                Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length)), wrapAad(pseudonym, keyId));
    }

    /** Encrypts a subject's data under their data key; the pseudonym is the associated data. */
    public Sealed seal(byte[] dataKey, byte[] plaintext, String pseudonym) {
        return seal(new SecretKeySpec(dataKey, "AES"), plaintext, pseudonym.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts what {@link #seal(byte[], byte[], String)} made for the same subject. */
    public byte[] open(byte[] dataKey, Sealed sealed, String pseudonym) {
        return open(new SecretKeySpec(dataKey, "AES"), sealed, pseudonym.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The blind index of an e-mail address: base64url HMAC-SHA256 of the normalised address under the index key, so
     * equal addresses can be found without storing or revealing them. {@code null} for {@code null}.
     */
    public String emailIndex(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(indexKey);
            byte[] digest = mac.doFinal(normaliseEmail(email).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Trimmed, Unicode NFC, lower case: {@code " Ada@Example.ORG"} and {@code "ada@example.org"} index alike. */
    static String normaliseEmail(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private Sealed seal(SecretKeySpec key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] open(SecretKeySpec key, Sealed sealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            // no cause attached: nothing about the data belongs in a message or a log
            throw new VaultCryptoException("authentication failed: tampered, another subject's, or another key's",
                    null);
        } catch (GeneralSecurityException e) {
            throw new VaultCryptoException("cannot decrypt", e);
        }
    }

    private static byte[] wrapAad(String pseudonym, String keyId) {
        return ("subject-key:" + pseudonym + ":" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** HKDF-Expand for one block (32 bytes), enough for an AES-256 or HMAC key. */
    private static byte[] expand(byte[] prk, byte[] info) {
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return hmac(prk, input);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
