package io.openfraud.fraudctl.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 JWTs the services accept (MicroProfile JWT): {@code iss=openfraud}, {@code sub} and {@code upn} the
 * subject, {@code groups} the roles, {@code iat}/{@code exp}, a random {@code jti}. Plain JDK crypto: a JWS compact
 * serialisation is three base64url parts and one signature, which needs no library.
 */
public final class TokenIssuer {

    public static final String ISSUER = "openfraud";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey signingKey;
    private final Clock clock;

    public TokenIssuer(PrivateKey signingKey, Clock clock) {
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /** A signed token for {@code subject} with {@code roles}, valid from now for {@code ttl}. */
    public String issue(String subject, Collection<Role> roles, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("the subject must not be blank");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one role");
        }
        long now = clock.instant().getEpochSecond();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", roles.stream().map(Role::claim).distinct().toList());
        claims.put("iat", now);
        claims.put("exp", now + ttl.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the JWT private key", e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
