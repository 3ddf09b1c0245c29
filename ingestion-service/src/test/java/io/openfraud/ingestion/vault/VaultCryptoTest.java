package io.openfraud.ingestion.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VaultCryptoTest {

    private static final String ADA = "cus_Zk3hQ9x_Lw2mVb8cR1aaaa";
    private static final String BOB = "cus_Bb3hQ9x_Lw2mVb8cR1bbbb";
    private static final byte[] PERSON = "{\"firstName\":\"Ada\",\"email\":\"ada@example.org\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final VaultCrypto crypto = new VaultCrypto(randomKey());

    @Test
    void sealedDataOpensForItsSubjectOnlyAndHidesThePlaintext() {
        byte[] key = crypto.newDataKey();
        VaultCrypto.Sealed sealed = crypto.seal(key, PERSON, ADA);

        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(PERSON.length + 16);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Ada", "example");
        assertThat(crypto.open(key, sealed, ADA)).isEqualTo(PERSON);
    }

    @Test
    void aTamperedCiphertextNonceOrTagFails() {
        byte[] key = crypto.newDataKey();
        VaultCrypto.Sealed sealed = crypto.seal(key, PERSON, ADA);
        for (int i : new int[] {0, PERSON.length / 2, sealed.ciphertext().length - 1}) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> crypto.open(key, new VaultCrypto.Sealed(sealed.nonce(), tampered), ADA))
                    .isInstanceOf(VaultCrypto.VaultCryptoException.class).hasNoCause()
                    .message().doesNotContain("Ada");
        }
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 1;
        assertThatThrownBy(() -> crypto.open(key, new VaultCrypto.Sealed(nonce, sealed.ciphertext()), ADA))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
        byte[] truncated = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);
        assertThatThrownBy(() -> crypto.open(key, new VaultCrypto.Sealed(sealed.nonce(), truncated), ADA))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
    }

    @Test
    void theWrongSubjectAsAssociatedDataFails() {
        byte[] key = crypto.newDataKey();
        VaultCrypto.Sealed sealed = crypto.seal(key, PERSON, ADA);
        assertThatThrownBy(() -> crypto.open(key, sealed, BOB)).isInstanceOf(VaultCrypto.VaultCryptoException.class);
    }

    @Test
    void theWrongDataKeyFails() {
        VaultCrypto.Sealed sealed = crypto.seal(crypto.newDataKey(), PERSON, ADA);
        assertThatThrownBy(() -> crypto.open(crypto.newDataKey(), sealed, ADA))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
    }

    @Test
    void aWrappedKeyUnwrapsOnlyForItsSubjectKeyIdAndMasterKey() {
        byte[] key = crypto.newDataKey();
        byte[] wrapped = crypto.wrap(key, ADA, "dk_1");

        assertThat(wrapped).hasSize(12 + 32 + 16).isNotEqualTo(key);
        assertThat(crypto.unwrap(wrapped, ADA, "dk_1")).isEqualTo(key);
        assertThatThrownBy(() -> crypto.unwrap(wrapped, BOB, "dk_1"))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
        assertThatThrownBy(() -> crypto.unwrap(wrapped, ADA, "dk_2"))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
        assertThatThrownBy(() -> new VaultCrypto(randomKey()).unwrap(wrapped, ADA, "dk_1"))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
        byte[] tampered = wrapped.clone();
        tampered[20] ^= 1;
        assertThatThrownBy(() -> crypto.unwrap(tampered, ADA, "dk_1"))
                .isInstanceOf(VaultCrypto.VaultCryptoException.class);
    }

    @Test
    void everySealUsesAFreshNonce() {
        byte[] key = crypto.newDataKey();
        VaultCrypto.Sealed a = crypto.seal(key, PERSON, ADA);
        VaultCrypto.Sealed b = crypto.seal(key, PERSON, ADA);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void theBlindIndexIsKeyedAndIgnoresCaseAndSurroundingSpace() {
        String index = crypto.emailIndex("ada@example.org");
        assertThat(index).hasSize(43).doesNotContain("ada", "example");
        assertThat(crypto.emailIndex("  Ada@Example.ORG ")).isEqualTo(index);
        assertThat(crypto.emailIndex("bob@example.org")).isNotEqualTo(index);
        assertThat(new VaultCrypto(randomKey()).emailIndex("ada@example.org")).isNotEqualTo(index);
        assertThat(crypto.emailIndex(null)).isNull();
    }

    @Test
    void aShortMasterKeyIsRefused() {
        assertThatThrownBy(() -> new VaultCrypto(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
