package io.openfraud.fraudctl.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks a compact JWS the way a verifier does: RS256 signature over header.payload, then the JSON parts. */
public final class TokenVerification {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Verified(JsonNode header, JsonNode claims) {
    }

    private TokenVerification() {
    }

    public static Verified verify(String token, PublicKey publicKey) throws Exception {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWS: " + token);
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("signature does not verify");
        }
        return new Verified(JSON.readTree(Base64.getUrlDecoder().decode(parts[0])),
                JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
    }
}
