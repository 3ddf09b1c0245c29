package io.openfraud.fraudctl.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallKeysTest {

    private static final List<String> ALL = List.of(InstallKeys.JWT_PRIVATE_KEY, InstallKeys.JWT_PUBLIC_KEY,
            InstallKeys.PAN_TOKEN_KEY, InstallKeys.PSEUDONYM_KEY, InstallKeys.ENCRYPTION_KEY,
            InstallKeys.AUDIT_KEY);

    @TempDir
    Path home;

    @Test
    void createsEveryKeyOnceReadableByItsOwnerOnly() throws Exception {
        Path dir = home.resolve("keys");

        InstallKeys keys = InstallKeys.ensure(dir);

        assertThat(keys.created()).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String name : ALL) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        for (Path secret : List.of(keys.panTokenKey(), keys.pseudonymKey(), keys.encryptionKey(), keys.auditKey())) {
            assertThat(Base64.getDecoder().decode(Files.readString(secret).trim())).hasSize(32);
        }
        assertThat(Files.readString(keys.panTokenKey())).isNotEqualTo(Files.readString(keys.pseudonymKey()));
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void neverRegeneratesExistingKeysAndTightensLoosenedPermissions() throws Exception {
        Path dir = home.resolve("keys");
        InstallKeys.ensure(dir);
        Map<String, byte[]> before = contents(dir);
        Files.setPosixFilePermissions(dir.resolve(InstallKeys.PSEUDONYM_KEY),
                PosixFilePermissions.fromString("rw-r--r--"));

        InstallKeys again = InstallKeys.ensure(dir);

        assertThat(again.created()).isEmpty();
        assertThat(contents(dir)).usingRecursiveComparison().isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(InstallKeys.PSEUDONYM_KEY))))
                .isEqualTo("rw-------");
    }

    @Test
    void writesPemKeysThatJavaSecurityReadsAndThatMatch() throws Exception {
        InstallKeys keys = InstallKeys.ensure(home.resolve("keys"));

        String privatePem = Files.readString(keys.jwtPrivateKey(), StandardCharsets.US_ASCII);
        String publicPem = Files.readString(keys.jwtPublicKey(), StandardCharsets.US_ASCII);
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);

        PrivateKey privateKey = InstallKeys.readPrivateKey(keys.jwtPrivateKey());
        PublicKey publicKey = InstallKeys.readPublicKey(keys.jwtPublicKey());
        assertThat(privateKey.getFormat()).isEqualTo("PKCS#8");
        assertThat(publicKey.getFormat()).isEqualTo("X.509");
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        assertThat(verifies(privateKey, publicKey)).isTrue();
    }

    @Test
    void restoresAMissingPublicKeyFromThePrivateOneButRefusesAPublicKeyAlone() throws Exception {
        Path dir = home.resolve("keys");
        InstallKeys keys = InstallKeys.ensure(dir);
        String publicPem = Files.readString(keys.jwtPublicKey());
        Files.delete(keys.jwtPublicKey());

        assertThat(InstallKeys.ensure(dir).created()).containsExactly(InstallKeys.JWT_PUBLIC_KEY);
        assertThat(Files.readString(keys.jwtPublicKey())).isEqualTo(publicPem);

        Files.delete(keys.jwtPrivateKey());
        assertThatThrownBy(() -> InstallKeys.ensure(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists without jwt-private.pem");
    }

    private static boolean verifies(PrivateKey privateKey, PublicKey publicKey) throws Exception {
        byte[] data = "openfraud".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> contents = new HashMap<>();
        for (String name : ALL) {
            contents.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return contents;
    }
}
