package io.openfraud.fraudctl.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static KeyPair keys;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private final TokenIssuer issuer = new TokenIssuer(keys.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signsRs256WithTheMicroProfileJwtClaims() throws Exception {
        String token = issuer.issue("alice", List.of(Role.ANALYST, Role.REVIEWER), Duration.ofMinutes(15));

        TokenVerification.Verified jwt = TokenVerification.verify(token, keys.getPublic());

        assertThat(jwt.header().get("alg").asText()).isEqualTo("RS256");
        assertThat(jwt.header().get("typ").asText()).isEqualTo("JWT");
        assertThat(jwt.claims().get("iss").asText()).isEqualTo("openfraud");
        assertThat(jwt.claims().get("sub").asText()).isEqualTo("alice");
        assertThat(jwt.claims().get("upn").asText()).isEqualTo("alice");
        assertThat(jwt.claims().get("groups")).extracting(node -> node.asText()).containsExactly("analyst", "reviewer");
        assertThat(jwt.claims().get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(jwt.claims().get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 900);
        assertThat(jwt.claims().get("jti").asText()).isNotBlank();
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void aTamperedTokenDoesNotVerify() {
        String token = issuer.issue("alice", List.of(Role.ANALYST), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"openfraud\",\"sub\":\"alice\",\"groups\":[\"admin\"]}".getBytes()) + "." + parts[2];

        assertThatThrownBy(() -> TokenVerification.verify(forged, keys.getPublic()))
                .hasMessageContaining("signature does not verify");
    }

    @Test
    void refusesABlankSubjectOrNoRole() {
        assertThatThrownBy(() -> issuer.issue(" ", List.of(Role.ADMIN), Duration.ofHours(1)))
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> issuer.issue("bob", List.of(), Duration.ofHours(1)))
                .hasMessageContaining("at least one role");
    }

    @Test
    void knowsExactlyThePlatformRoles() {
        assertThat(Role.allowed()).isEqualTo("admin, analyst, reviewer, dpo, subject, service");
        assertThat(Role.of(" DPO ")).isEqualTo(Role.DPO);
        assertThatThrownBy(() -> Role.of("root")).hasMessage("unknown role 'root'; allowed roles: "
                + "admin, analyst, reviewer, dpo, subject, service");
    }
}
